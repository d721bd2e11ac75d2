import { ENDPOINTS } from '../../../shared/endpoints';
import { deleteOperation } from '../recordOperations';

/** Sophiie keeps a deleted policy soft-deleted. */
export const { properties, execute } = deleteOperation(ENDPOINTS.policy);
