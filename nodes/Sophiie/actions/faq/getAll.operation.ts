import { ENDPOINTS } from '../../../shared/endpoints';
import { wholeListOperation } from '../wholeList';

/** The FAQs the AI receptionist answers. */
export const { properties, execute } = wholeListOperation(ENDPOINTS.faq.listPath, ENDPOINTS.faq.listKey);
