import { ENDPOINTS } from '../../../shared/endpoints';
import { updateOperation } from '../recordOperations';
import { TRANSFER_FIELDS } from './transferFields';

/** Only the fields added under Update Fields are sent. */
export const { properties, execute } = updateOperation(ENDPOINTS.transfer, TRANSFER_FIELDS);
