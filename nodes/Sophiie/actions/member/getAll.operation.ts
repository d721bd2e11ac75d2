import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getList } from '../../helpers/parameters';
import { returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [...returnAllAndLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['member'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, itemIndex, ['members'], 'members');
}
