import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getList } from '../helpers/parameters';
import { returnAllAndLimit } from './common.descriptions';
import type { OperationModule } from './node.type';

/**
 * An operation that lists one whole collection, with Return All / Limit and
 * no filters: Sophiie answers `{ <key>: [...], totalPages, ... }` at `path`.
 */
export function wholeListOperation(path: string[], key: string): OperationModule {
	return {
		properties: returnAllAndLimit,
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			return await getList.call(this, itemIndex, path, key);
		},
	};
}
