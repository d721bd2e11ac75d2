import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sophiieApiRequest } from '../../../shared/transport';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [];

/** Sophiie documents this endpoint by its summary only: its answer is passed on as it comes. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await sophiieApiRequest.call(this, 'GET', ['organization', 'availability'], { itemIndex });
}
