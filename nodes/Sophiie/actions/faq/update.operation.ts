import { ENDPOINTS } from '../../../shared/endpoints';
import { updateOperation } from '../recordOperations';
import { FAQ_FIELDS } from './faqFields';

/** Only the fields added under Update Fields are sent. */
export const { properties, execute } = updateOperation(ENDPOINTS.faq, FAQ_FIELDS);
