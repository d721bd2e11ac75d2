import { ENDPOINTS } from '../../../shared/endpoints';
import { wholeListOperation } from '../wholeList';

/** The business policies the AI receptionist knows. */
export const { properties, execute } = wholeListOperation(ENDPOINTS.policy.listPath, ENDPOINTS.policy.listKey);
