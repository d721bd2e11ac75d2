import { ENDPOINTS } from '../../../shared/endpoints';
import { createOperation } from '../recordOperations';
import { TRANSFER_FIELDS } from './transferFields';

/** A new call-transfer rule; Sophiie documents 400 and 409 answers (409: most likely a rule of the same label). */
export const { properties, execute } = createOperation(ENDPOINTS.transfer, TRANSFER_FIELDS);
