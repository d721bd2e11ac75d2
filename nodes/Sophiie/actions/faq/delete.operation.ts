import { ENDPOINTS } from '../../../shared/endpoints';
import { deleteOperation } from '../recordOperations';

/** Sophiie keeps a deleted FAQ soft-deleted. */
export const { properties, execute } = deleteOperation(ENDPOINTS.faq);
