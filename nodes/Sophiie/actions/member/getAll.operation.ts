import { wholeListOperation } from '../wholeList';

/** The users of the organization (`/v1/members`); their IDs send SMS. */
export const { properties, execute } = wholeListOperation(['members'], 'members');
