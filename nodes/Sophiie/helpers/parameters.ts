import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MAX_LIMIT } from '../actions/common.descriptions';
import { sophiieApiRequestAllItems } from '../transport';
import type { PaginateOptions } from '../transport';
import { validateId, validateWholeNumber } from './validation';

/** The lead chosen in the Lead locator (list or ID), checked before any request. */
export function getLeadId(this: IExecuteFunctions, itemIndex: number, parameter = 'leadId'): string {
	const value = this.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true });
	return validateId(this.getNode(), value, itemIndex, 'Lead ID');
}

/** `{ leadId }` for the query when Filters › Lead is set, else nothing. */
export function leadFilterQuery(this: IExecuteFunctions, itemIndex: number, filters: IDataObject): IDataObject {
	if (!('leadId' in filters)) return {};
	const value = this.getNodeParameter('filters.leadId', itemIndex, '', { extractValue: true });
	if (value === undefined || value === null || value === '') return {};
	return { leadId: validateId(this.getNode(), value, itemIndex, 'Filters › Lead ID') };
}

/** Undefined for Return All, else the checked Limit. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50);
	const hint = `Set Limit between 1 and ${MAX_LIMIT}, or turn on Return All.`;
	return validateWholeNumber(this.getNode(), limit, itemIndex, 'Limit', MAX_LIMIT, hint);
}

/** Runs a list operation with its Return All / Limit: the common body of every "Get Many". */
export async function getList(
	this: IExecuteFunctions,
	itemIndex: number,
	pathSegments: string[],
	listKey: string,
	options: PaginateOptions = {},
): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	return await sophiieApiRequestAllItems.call(this, pathSegments, listKey, { ...options, limit, itemIndex });
}
