import { wholeListOperation } from '../wholeList';

/** The organization's leads, newest first. */
export const { description, execute } = wholeListOperation('lead', 'getAll', ['leads'], 'leads');
