import { wholeListOperation } from '../wholeList';

/** The organization's leads, newest first. */
export const { properties, execute } = wholeListOperation(['leads'], 'leads');
