import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersQuery, getList } from '../../helpers/parameters';
import { inquirySourceFilter } from '../../../shared/fields';
import { filtersCollection, leadFilter, returnAllAndLimit } from '../common.descriptions';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filtersCollection([
		{
			displayName: 'Expand',
			name: 'expand',
			type: 'options',
			options: [
				{ name: 'Nothing', value: '', description: 'The inquiries as they are' },
				{ name: 'External ID', value: 'external', description: 'Add the inquiry’s ID in the system it came from' },
				{ name: 'Lead', value: 'lead', description: 'Add the lead’s details' },
				{ name: 'Both', value: 'both', description: 'Add the external ID and the lead’s details' },
			],
			default: '',
			description: 'Extra data Sophiie adds to each inquiry',
			hint: 'Sophiie does not document the shape of the added data.',
		},
		leadFilter,
		inquirySourceFilter,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = filtersQuery.call(this, itemIndex, ['source', 'expand']);
	return await getList.call(this, itemIndex, ENDPOINTS.inquiry.listPath, ENDPOINTS.inquiry.listKey, { qs });
}
