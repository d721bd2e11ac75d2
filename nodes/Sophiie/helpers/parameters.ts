import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_LIMIT } from '../../shared/limits';
import { sophiieApiRequestAllItems } from '../../shared/transport';
import type { PaginateOptions } from '../../shared/transport';
import { validateId, validateWholeNumber } from '../../shared/validation';

/** An Update's body, refused before any request when no Update Fields are set. */
export function requireUpdateFields(node: INode, body: IDataObject, itemIndex: number): IDataObject {
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, `Nothing to update in item ${itemIndex}: no Update Fields are set`, {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	return body;
}

/** The lead chosen in the Lead locator (list or ID), checked before any request. */
export function getLeadId(this: IExecuteFunctions, itemIndex: number, parameter = 'leadId'): string {
	const value = this.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true });
	return validateId(this.getNode(), value, itemIndex, 'Lead ID');
}

/**
 * The query of a list's Filters: `leadId` when Filters › Lead is set (checked
 * before any request), and each of `passThrough` that is set, as it is.
 */
export function filtersQuery(this: IExecuteFunctions, itemIndex: number, passThrough: string[] = []): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const lead = 'leadId' in filters ? this.getNodeParameter('filters.leadId', itemIndex, '', { extractValue: true }) : '';
	if (lead !== undefined && lead !== null && lead !== '') {
		qs.leadId = validateId(this.getNode(), lead, itemIndex, 'Filters › Lead ID');
	}
	for (const name of passThrough) if (filters[name]) qs[name] = filters[name];
	return qs;
}

/** Undefined for Return All, else the checked Limit. */
function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50);
	const hint = `Set Limit between 1 and ${MAX_LIMIT}, or turn on Return All.`;
	return validateWholeNumber(this.getNode(), limit, itemIndex, 'Limit', MAX_LIMIT, hint);
}

/** Executions already told that a list stopped at its Limit: one hint per run is enough. */
const hintedAboutLimit = new WeakSet<object>();

/** The output panel's hint when a list stopped at its Limit while Sophiie holds more, as n8n's own nodes give. */
function hintMoreLeft(context: IExecuteFunctions, shown: number, listKey: string, totalCount: number | undefined) {
	// addExecutionHints is missing from the oldest n8n versions this package supports.
	if (hintedAboutLimit.has(context) || typeof context.addExecutionHints !== 'function') return;
	hintedAboutLimit.add(context);
	const count = (n: number) => n.toLocaleString('en-US');
	const returned =
		totalCount === undefined
			? `Returned the first ${count(shown)} ${listKey}; Sophiie holds more`
			: `Returned ${count(shown)} of ${count(totalCount)} ${listKey}`;
	context.addExecutionHints({ message: `${returned} – turn on Return All to get them all`, type: 'info', location: 'outputPane' });
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
	const onMoreLeft = (totalCount: number | undefined) => hintMoreLeft(this, limit ?? 0, listKey, totalCount);
	return await sophiieApiRequestAllItems.call(this, pathSegments, listKey, { ...options, limit, itemIndex, onMoreLeft });
}
