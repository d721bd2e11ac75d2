import { ENDPOINTS } from '../../../shared/endpoints';
import { createOperation } from '../recordOperations';
import { SCENARIO_FIELDS } from './scenarioFields';

/** A new scenario of the AI receptionist; Sophiie documents a 409 (most likely a scenario of the same name). */
export const { properties, execute } = createOperation(ENDPOINTS.scenario, SCENARIO_FIELDS);
