import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLeadId } from '../../helpers/parameters';
import { sophiieApiRequest } from '../../../shared/transport';
import { leadLocator } from '../../../shared/fields';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [leadLocator];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const leadId = getLeadId.call(this, itemIndex);
	// Sophiie answers { message: "Lead deleted successfully" }; the id is what
	// the next node needs.
	await sophiieApiRequest.call(this, 'DELETE', ENDPOINTS.lead.recordPath(leadId), {
		subject: `lead ${leadId}`,
		itemIndex,
	});
	return { deleted: true, id: leadId };
}
