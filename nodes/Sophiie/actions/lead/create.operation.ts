import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LEAD_CONFLICT_HINT } from '../../helpers/sophiieFacts';
import { sophiieApiRequest } from '../../../shared/transport';
import { buildLeadBody, firstNameField, leadFieldOptions } from './leadFields';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	{ ...firstNameField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		hint: 'Sophiie does not publish which fields a new lead requires; some accounts may also need Suburb.',
		options: leadFieldOptions(['firstName']),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		firstName: this.getNodeParameter('firstName', itemIndex),
	};
	const body = buildLeadBody(this.getNode(), fields, itemIndex, 'Additional Fields', ['firstName']);
	// A 409 here means Sophiie already has this lead (same email or phone).
	const response = await sophiieApiRequest.call(this, 'POST', ENDPOINTS.lead.listPath, {
		body,
		conflictHint: LEAD_CONFLICT_HINT,
		itemIndex,
	});
	return (response.lead as IDataObject | undefined) ?? response;
}
