import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersQuery, getList } from '../../helpers/parameters';
import { filtersCollection, leadFilter, returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [...returnAllAndLimit, filtersCollection([leadFilter])];

export const description = updateDisplayOptions(
	{ show: { resource: ['appointment'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = filtersQuery.call(this, itemIndex);
	return await getList.call(this, itemIndex, ['appointments'], 'appointments', { qs });
}
