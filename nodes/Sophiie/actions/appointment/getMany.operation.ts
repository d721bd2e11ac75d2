import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getList, getOptionalLeadId } from '../../helpers/parameters';
import { leadFilter, returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [{ ...leadFilter, name: 'leadId' }],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['appointment'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const leadId = 'leadId' in filters ? getOptionalLeadId.call(this, itemIndex, 'filters.leadId') : undefined;
	if (leadId) qs.leadId = leadId;
	return await getList.call(this, itemIndex, ['appointments'], 'appointments', { qs });
}
