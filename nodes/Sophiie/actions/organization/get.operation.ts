import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sophiieApiRequest } from '../../../shared/transport';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await sophiieApiRequest.call(this, 'GET', ['organization'], { itemIndex });
}
