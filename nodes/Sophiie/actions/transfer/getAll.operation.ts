import { ENDPOINTS } from '../../../shared/endpoints';
import { wholeListOperation } from '../wholeList';

/** The call-transfer rules. */
export const { properties, execute } = wholeListOperation(ENDPOINTS.transfer.listPath, ENDPOINTS.transfer.listKey);
