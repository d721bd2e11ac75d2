import { ENDPOINTS } from '../../../shared/endpoints';
import { getOperation } from '../recordOperations';

/** One scenario, with its questions and outcome (Sophiie answers `{ scenario }`). */
export const { properties, execute } = getOperation(ENDPOINTS.scenario);
