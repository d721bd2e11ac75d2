import { ENDPOINTS } from '../../../shared/endpoints';
import { getOperation } from '../recordOperations';

/** One transfer rule (Sophiie answers `{ transfer }`). */
export const { properties, execute } = getOperation(ENDPOINTS.transfer);
