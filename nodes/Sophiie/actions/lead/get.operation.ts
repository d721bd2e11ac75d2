import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLeadId } from '../../helpers/parameters';
import { SIMPLIFIED_LEAD_FIELDS } from '../../helpers/sophiieFacts';
import { sophiieApiRequest } from '../../../shared/transport';
import { leadLocator } from '../../../shared/fields';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	leadLocator,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			'Whether to return only the core fields (ID, names, email, phone, suburb, business name, status, created at) instead of the full lead with its inquiry statistics, address and tags',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const leadId = getLeadId.call(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;

	const lead = await sophiieApiRequest.call(this, 'GET', ENDPOINTS.lead.recordPath(leadId), {
		subject: `lead ${leadId}`,
		itemIndex,
	});
	if (!simplify) return lead;

	const simplified: IDataObject = {};
	for (const field of SIMPLIFIED_LEAD_FIELDS) {
		if (field in lead) simplified[field] = lead[field];
	}
	return simplified;
}
