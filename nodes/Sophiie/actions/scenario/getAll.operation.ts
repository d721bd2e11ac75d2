import { ENDPOINTS } from '../../../shared/endpoints';
import { wholeListOperation } from '../wholeList';

/** The AI receptionist's scenarios. */
export const { properties, execute } = wholeListOperation(ENDPOINTS.scenario.listPath, ENDPOINTS.scenario.listKey);
