import { ENDPOINTS } from '../../../shared/endpoints';
import { createOperation } from '../recordOperations';
import { POLICY_FIELDS } from './policyFields';

/** A new policy (its body is known from a third-party client only). */
export const { properties, execute } = createOperation(ENDPOINTS.policy, POLICY_FIELDS);
