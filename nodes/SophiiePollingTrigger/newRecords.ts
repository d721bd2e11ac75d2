import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inPool } from '../Sophiie/helpers/pool';
import { MAX_PAGE_SIZE, sophiieApiRequest, sophiieApiRequestPage } from '../Sophiie/transport';
import type { PollCursor } from './cursor';
import { createdMs, isNew, isOlder } from './cursor';
import type { PollEvent } from './pollEvents';
import { DETAIL_CONCURRENCY, MAX_POLL_PAGES, MAX_RESTARTS } from './pollEvents';

/** A record without a readable `createdAt` cannot be placed against the cursor: say so rather than skip it. */
function requireCreatedAt(context: IPollFunctions, event: PollEvent, record: IDataObject) {
	if (createdMs(record) !== undefined) return;
	throw new NodeOperationError(
		context.getNode(),
		`Sophiie returned a ${event.noun} without a readable createdAt (id ${JSON.stringify(record.id)})`,
		{ description: 'The Polling Trigger tells new records from old ones by createdAt. Nothing was emitted; the next poll tries again.' },
	);
}

/** One page of the event's list, newest first. */
async function listPage(context: IPollFunctions, event: PollEvent, qs: IDataObject, page: number, limit = MAX_PAGE_SIZE) {
	return await sophiieApiRequestPage.call(context, event.listPath, event.listKey, { qs: { ...qs, page, limit } });
}

/** The newest records of the list (its first page), for the baseline and for Fetch Test Event. */
export async function newestRecords(context: IPollFunctions, event: PollEvent, qs: IDataObject, limit = MAX_PAGE_SIZE) {
	const { items } = await listPage(context, event, qs, 1, limit);
	for (const record of items) requireCreatedAt(context, event, record);
	return items;
}

/**
 * Every record past the cursor, reading page after page until a record older
 * than the cursor (lists are newest first), the last page, or MAX_POLL_PAGES.
 * A record that moves to the next page while new ones arrive is kept once.
 * Records deleted meanwhile move the rest back a place, which could carry one
 * across a page boundary unread: when the list's totalCount drops between
 * pages, reading starts again from page 1 (what was found is kept).
 */
export async function readNewRecords(context: IPollFunctions, event: PollEvent, qs: IDataObject, cursor: PollCursor) {
	const found = new Map<string, IDataObject>();
	let lastTotal: number | undefined;
	let restarts = 0;
	let page = 1;
	while (page <= MAX_POLL_PAGES) {
		const { items, totalPages, totalCount } = await listPage(context, event, qs, page);
		const shrank = totalCount !== undefined && lastTotal !== undefined && totalCount < lastTotal;
		lastTotal = totalCount;
		if (shrank && restarts < MAX_RESTARTS) {
			restarts++;
			page = 1;
			continue;
		}
		let reachedOlder = false;
		for (const record of items) {
			requireCreatedAt(context, event, record);
			reachedOlder = isOlder(record, cursor);
			if (reachedOlder) break;
			if (isNew(record, cursor)) found.set(String(record.id), record);
		}
		if (reachedOlder || items.length === 0 || page >= totalPages) return { records: [...found.values()], complete: true };
		page++;
	}
	return { records: [...found.values()], complete: false };
}

/** The record as the node's Get returns it; the list's shape when Sophiie no longer has it (deleted since). */
async function inGetShape(context: IPollFunctions, event: PollEvent, record: IDataObject): Promise<IDataObject> {
	if (!event.getPath) return record;
	try {
		return await sophiieApiRequest.call(context, 'GET', event.getPath(String(record.id)), { subject: `${event.noun} ${String(record.id)}` });
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return record;
		// Both constructors hand back an error of their own class unchanged.
		throw error instanceof NodeApiError
			? new NodeApiError(context.getNode(), error as unknown as JsonObject)
			: new NodeOperationError(context.getNode(), error as Error);
	}
}

/** Each record in its Get shape, a few requests at a time, in the order given; none is asked for after one fails. */
export async function recordsInGetShape(context: IPollFunctions, event: PollEvent, records: IDataObject[]) {
	const shaped: IDataObject[] = new Array(records.length);
	let failure: Error | undefined;
	const shape = async (index: number) => {
		try {
			shaped[index] = await inGetShape(context, event, records[index]);
		} catch (error) {
			failure ??= error as Error;
		}
	};
	await inPool(records.length, DETAIL_CONCURRENCY, shape, () => failure !== undefined);
	if (failure) throw failure;
	return shaped;
}
