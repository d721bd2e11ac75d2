import { ENDPOINTS } from '../../../shared/endpoints';
import { updateOperation } from '../recordOperations';
import { SCENARIO_FIELDS } from './scenarioFields';

/** Only the fields added under Update Fields are sent. */
export const { properties, execute } = updateOperation(ENDPOINTS.scenario, SCENARIO_FIELDS);
