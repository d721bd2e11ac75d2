import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLeadId, requireUpdateFields } from '../../helpers/parameters';
import { LEAD_CONFLICT_HINT } from '../../helpers/sophiieFacts';
import { sophiieApiRequest } from '../../../shared/transport';
import { leadLocator } from '../../../shared/fields';
import { buildLeadBody, leadFieldOptions } from './leadFields';
import { ENDPOINTS, recordOf } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	leadLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the others keep their value in Sophiie',
		hint: 'Sophiie does not document whether an update replaces Facebook and Instagram together; only the ones added here are sent.',
		options: leadFieldOptions(),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const leadId = getLeadId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = requireUpdateFields(this.getNode(), buildLeadBody(this.getNode(), fields, itemIndex, 'Update Fields'), itemIndex);

	const response = await sophiieApiRequest.call(this, 'PUT', ENDPOINTS.lead.recordPath(leadId), {
		body,
		subject: `lead ${leadId}`,
		conflictHint: LEAD_CONFLICT_HINT,
		itemIndex,
	});
	return recordOf(ENDPOINTS.lead, response) as IDataObject;
}
