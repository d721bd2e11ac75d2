import { wholeListOperation } from '../wholeList';

/** The organization's members with their position (`/v1/organization/members`). */
export const { description, execute } = wholeListOperation('organization', 'getMembers', ['organization', 'members'], 'members');
