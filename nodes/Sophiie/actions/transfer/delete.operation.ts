import { ENDPOINTS } from '../../../shared/endpoints';
import { deleteOperation } from '../recordOperations';

/** Sophiie documents this only by its summary (a soft delete). */
export const { properties, execute } = deleteOperation(ENDPOINTS.transfer);
