import { ENDPOINTS } from '../../../shared/endpoints';
import { updateOperation } from '../recordOperations';
import { POLICY_FIELDS } from './policyFields';

/** Only the fields added under Update Fields are sent. */
export const { properties, execute } = updateOperation(ENDPOINTS.policy, POLICY_FIELDS);
