import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLeadId, getList } from '../../helpers/parameters';
import { leadLocator } from '../../../shared/fields';
import { returnAllAndLimit } from '../common.descriptions';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [leadLocator, ...returnAllAndLimit];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const leadId = getLeadId.call(this, itemIndex);
	return await getList.call(this, itemIndex, ['leads', leadId, 'notes'], 'notes', { subject: `lead ${leadId}` });
}
