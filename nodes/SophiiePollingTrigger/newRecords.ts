import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inPool } from '../shared/pool';
import { MAX_PAGE_SIZE, sophiieApiRequest, sophiieApiRequestPage } from '../shared/transport';
import type { PollCursor } from './cursor';
import { createdMs, isBeforeFloor, isBeyondCatchUp, isNew } from './cursor';
import type { PollEvent } from './pollEvents';
import { DETAIL_CONCURRENCY, MAX_POLL_PAGES, MAX_RESTARTS } from './pollEvents';

/** One page of the event's list, newest first. */
async function listPage(context: IPollFunctions, event: PollEvent, qs: IDataObject, page: number, limit = MAX_PAGE_SIZE) {
	return await sophiieApiRequestPage.call(context, event.listPath, event.listKey, { qs: { ...qs, page, limit } });
}

/** The newest records of the list (its first page), for the baseline and for Fetch Test Event. */
export async function newestRecords(context: IPollFunctions, event: PollEvent, qs: IDataObject, limit = MAX_PAGE_SIZE) {
	const { items } = await listPage(context, event, qs, 1, limit);
	return items;
}

/** What one poll found past the floor. */
export interface PollRead {
	records: IDataObject[];
	/** Ids of records with no readable createdAt, not seen before: skipped. */
	unreadable: string[];
	/** Records past the cursor but older than the catch-up limit: not emitted. */
	beyondCatchUp: number;
	/** False when MAX_POLL_PAGES were read without reaching the floor. */
	complete: boolean;
}

/** Sorts one page's records into the poll's findings; true when the page reached past the floor. */
function readPage(items: IDataObject[], cursor: PollCursor, now: number, read: PollRead, found: Map<string, IDataObject>): boolean {
	let reachedFloor = false;
	for (const record of items) {
		const id = String(record.id);
		if (createdMs(record) === undefined) {
			if (!cursor.unreadable.includes(id) && !read.unreadable.includes(id)) read.unreadable.push(id);
		} else if (isNew(record, cursor, now)) {
			found.set(id, record);
		} else if (isBeforeFloor(record, cursor, now)) {
			reachedFloor = true;
			if (isBeyondCatchUp(record, cursor, now)) read.beyondCatchUp++;
		}
	}
	return reachedFloor;
}

/**
 * Every record past the floor (see cursor.ts), reading page after page until
 * a page that reaches past it (lists are newest first; the rest of that page
 * is still read, so one out of order there is found), the last page, or
 * MAX_POLL_PAGES. A record that moves to the next page while new ones arrive
 * is kept once. Records deleted meanwhile move the rest back a place, which
 * could carry one across a page boundary unread: when the list's totalCount
 * drops between pages, reading starts again from page 1 (what was found is kept).
 */
export async function readNewRecords(context: IPollFunctions, event: PollEvent, qs: IDataObject, cursor: PollCursor, now: number): Promise<PollRead> {
	const found = new Map<string, IDataObject>();
	const read: PollRead = { records: [], unreadable: [], beyondCatchUp: 0, complete: true };
	let lastTotal: number | undefined;
	let restarts = 0;
	for (let page = 1; page <= MAX_POLL_PAGES; page++) {
		const { items, totalPages, totalCount } = await listPage(context, event, qs, page);
		const shrank = totalCount !== undefined && lastTotal !== undefined && totalCount < lastTotal;
		lastTotal = totalCount;
		if (shrank && restarts < MAX_RESTARTS) {
			restarts++;
			page = 0;
			continue;
		}
		const reachedFloor = readPage(items, cursor, now, read, found);
		if (reachedFloor || items.length === 0 || page >= totalPages) return { ...read, records: [...found.values()] };
	}
	return { ...read, records: [...found.values()], complete: false };
}

/** The record as the node's Get returns it; the list's shape when Sophiie no longer has it (deleted since). */
async function inGetShape(context: IPollFunctions, event: PollEvent, record: IDataObject): Promise<IDataObject> {
	if (!event.getPath) return record;
	try {
		return await sophiieApiRequest.call(context, 'GET', event.getPath(String(record.id)), { subject: `${event.noun} ${String(record.id)}` });
	} catch (error) {
		// Deleted since it was listed (404), or its Get keeps failing: the record
		// is emitted as listed rather than lost, or held back every poll.
		if (!(error instanceof NodeApiError && error.httpCode === '404')) {
			context.logger.warn(
				`Sophiie Polling Trigger: could not get ${event.noun} ${String(record.id)} (${(error as Error).message}); emitting it as the list gave it`,
				{ node: context.getNode().name, workflowId: context.getWorkflow().id },
			);
		}
		return record;
	}
}

/** Each record in its Get shape, a few requests at a time, in the order given. */
export async function recordsInGetShape(context: IPollFunctions, event: PollEvent, records: IDataObject[]) {
	const shaped: IDataObject[] = new Array(records.length);
	await inPool(records.length, DETAIL_CONCURRENCY, async (index) => {
		shaped[index] = await inGetShape(context, event, records[index]);
	});
	return shaped;
}
