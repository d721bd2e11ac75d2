import { wholeListOperation } from '../wholeList';

/** The organization's members with their position (`/v1/organization/members`). */
export const { properties, execute } = wholeListOperation(['organization', 'members'], 'members');
