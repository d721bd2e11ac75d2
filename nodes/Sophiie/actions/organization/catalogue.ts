import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sophiieApiRequest } from '../../../shared/transport';
import type { OperationModule } from '../node.type';

/**
 * Products or services, one item each, with the category it belongs to.
 * Sophiie answers `{ categories: [{ id, name, type, <key>: [...] }], ... }`, not paginated.
 */
async function getCatalogue(
	this: IExecuteFunctions,
	itemIndex: number,
	key: 'products' | 'services',
): Promise<IDataObject[]> {
	const body = await sophiieApiRequest.call(this, 'GET', ['organization', key], { itemIndex });
	const categories = Array.isArray(body.categories) ? (body.categories as IDataObject[]) : [];
	return categories.flatMap((category) => {
		const entries = Array.isArray(category[key]) ? (category[key] as IDataObject[]) : [];
		const { id, name, type } = category;
		return entries.map((entry) => ({ ...entry, category: { id, name, type } }));
	});
}

/** Get Products or Get Services: no fields of their own. */
export function catalogueOperation(key: 'products' | 'services'): OperationModule {
	return {
		properties: [],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			return await getCatalogue.call(this, itemIndex, key);
		},
	};
}
