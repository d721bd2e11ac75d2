import { wholeListOperation } from '../wholeList';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The users of the organization (`/v1/members`); their IDs send SMS. */
export const { properties, execute } = wholeListOperation(ENDPOINTS.member.listPath, ENDPOINTS.member.listKey);
