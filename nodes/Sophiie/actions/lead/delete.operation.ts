import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getLeadId } from '../../helpers/parameters';
import { sophiieApiRequest } from '../../../shared/transport';
import { leadLocator } from '../../../shared/fields';

const properties: INodeProperties[] = [leadLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const leadId = getLeadId.call(this, itemIndex);
	// Sophiie answers { message: "Lead deleted successfully" }; the id is what
	// the next node needs.
	await sophiieApiRequest.call(this, 'DELETE', ['leads', leadId], {
		subject: `lead ${leadId}`,
		itemIndex,
	});
	return { deleted: true, id: leadId };
}
