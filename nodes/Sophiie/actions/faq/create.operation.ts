import { ENDPOINTS } from '../../../shared/endpoints';
import { createOperation } from '../recordOperations';
import { FAQ_FIELDS } from './faqFields';

/** A new FAQ (its body is known from a third-party client only). */
export const { properties, execute } = createOperation(ENDPOINTS.faq, FAQ_FIELDS);
