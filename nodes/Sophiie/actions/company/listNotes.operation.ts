import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getList } from '../../helpers/parameters';
import { validateId } from '../../../shared/validation';
import { returnAllAndLimit } from '../common.descriptions';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Company ID',
		name: 'companyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. cmp_abc123',
		description: 'ID of the company',
		hint: 'Sophiie documents no way to list companies, so the ID has to come from Sophiie itself.',
	},
	...returnAllAndLimit,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const companyId = validateId(this.getNode(), this.getNodeParameter('companyId', itemIndex), itemIndex, 'Company ID');
	return await getList.call(this, itemIndex, ['companies', companyId, 'notes'], 'notes', {
		subject: `company ${companyId}`,
	});
}
