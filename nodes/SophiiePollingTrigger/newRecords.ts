import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { inPool } from '../shared/pool';
import { isNotFound, MAX_PAGE_SIZE, pages, sophiieApiRequest } from '../shared/transport';
import type { PollCursor } from './cursor';
import { createdMs, isBeforeFloor, isBeyondCatchUp, isNew } from './cursor';
import type { PollEvent } from './pollEvents';
import { DETAIL_CONCURRENCY, MAX_POLL_PAGES, MAX_RESTARTS } from './pollEvents';

/** The event's list, newest first, page after page (up to MAX_POLL_PAGES). */
function listPages(context: IPollFunctions, event: PollEvent, qs: IDataObject, maxPages = MAX_POLL_PAGES, pageSize = MAX_PAGE_SIZE) {
	return pages.call(context, event.listPath, event.listKey, { qs, maxPages, pageSize });
}

/** The newest records of the list (its first page), for the baseline and for Fetch Test Event. */
export async function newestRecords(context: IPollFunctions, event: PollEvent, qs: IDataObject, limit = MAX_PAGE_SIZE) {
	for await (const { items } of listPages(context, event, qs, 1, limit)) return items;
	return [];
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
	for (let restarts = 0; ; restarts++) {
		let lastTotal: number | undefined;
		let shrank = false;
		for await (const { items, totalCount, last, page } of listPages(context, event, qs)) {
			shrank = totalCount !== undefined && lastTotal !== undefined && totalCount < lastTotal;
			lastTotal = totalCount;
			if (shrank && restarts < MAX_RESTARTS) break;
			if (readPage(items, cursor, now, read, found) || last) return { ...read, records: [...found.values()] };
			if (page >= MAX_POLL_PAGES) return { ...read, records: [...found.values()], complete: false };
		}
		if (!shrank || restarts >= MAX_RESTARTS) return { ...read, records: [...found.values()] };
	}
}

/** The record as the node's Get returns it; the list's shape when Sophiie no longer has it (deleted since). */
async function inGetShape(context: IPollFunctions, event: PollEvent, record: IDataObject): Promise<IDataObject> {
	if (!event.recordPath) return record;
	try {
		return await sophiieApiRequest.call(context, 'GET', event.recordPath(String(record.id)), { subject: `${event.noun} ${String(record.id)}` });
	} catch (error) {
		// Deleted since it was listed (404), or its Get keeps failing: the record
		// is emitted as listed rather than lost, or held back every poll.
		if (!isNotFound(error)) {
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
