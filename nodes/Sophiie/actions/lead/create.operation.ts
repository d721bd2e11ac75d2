import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LEAD_CONFLICT_HINT } from '../../helpers/sophiieFacts';
import { sophiieApiRequest } from '../../../shared/transport';
import { additionalFields, firstNameField, newLeadBody } from './leadFields';
import { ENDPOINTS, recordOf } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [{ ...firstNameField, required: true }, additionalFields];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = newLeadBody.call(this, itemIndex);
	// A 409 here means Sophiie already has this lead (same email or phone).
	const response = await sophiieApiRequest.call(this, 'POST', ENDPOINTS.lead.listPath, {
		body,
		conflictHint: LEAD_CONFLICT_HINT,
		itemIndex,
	});
	return recordOf(ENDPOINTS.lead, response) as IDataObject;
}
