import { wholeListOperation } from '../wholeList';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The organization's leads, newest first. */
export const { properties, execute } = wholeListOperation(ENDPOINTS.lead.listPath, ENDPOINTS.lead.listKey);
