import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCatalogue } from './catalogue';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['organization'], operation: ['getServices'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getCatalogue.call(this, itemIndex, 'services');
}
