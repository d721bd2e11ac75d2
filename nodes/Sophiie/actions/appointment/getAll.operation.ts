import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersQuery, getList } from '../../helpers/parameters';
import { filtersCollection, leadFilter, returnAllAndLimit } from '../common.descriptions';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [...returnAllAndLimit, filtersCollection([leadFilter])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = filtersQuery.call(this, itemIndex);
	return await getList.call(this, itemIndex, ENDPOINTS.appointment.listPath, ENDPOINTS.appointment.listKey, { qs });
}
