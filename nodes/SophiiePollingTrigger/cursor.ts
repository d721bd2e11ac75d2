import type { IDataObject } from 'n8n-workflow';

/**
 * Where the last poll stopped: the newest `createdAt` it emitted (or saw at
 * activation) and the ids of every record created at that instant. A record is
 * new when it is newer than that instant, or created at that very instant
 * under an id not seen yet, so two records made in one millisecond are
 * neither lost nor repeated. Pure functions, unit-tested without a server.
 */
export interface PollCursor {
	/** Which list this cursor belongs to (event and filters); another list starts afresh. */
	list: string;
	/** Milliseconds since the epoch; -1 when the list was empty at activation. */
	newestMs: number;
	/** Ids of the records created at `newestMs` that were already seen. */
	idsAtNewest: string[];
}

/** A record's creation time in milliseconds, or undefined when it has no readable `createdAt`. */
export function createdMs(record: IDataObject): number | undefined {
	const ms = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

export function isNew(record: IDataObject, cursor: PollCursor): boolean {
	const ms = createdMs(record) ?? Number.NaN;
	if (ms > cursor.newestMs) return true;
	return ms === cursor.newestMs && !cursor.idsAtNewest.includes(String(record.id));
}

/** True once the list (newest first) has gone past the cursor: everything after is old. */
export function isOlder(record: IDataObject, cursor: PollCursor): boolean {
	return (createdMs(record) ?? Number.NaN) < cursor.newestMs;
}

/** The cursor after emitting `records` (any order): its newest instant, with the ids at that instant. */
export function advance(cursor: PollCursor, records: IDataObject[]): PollCursor {
	let { newestMs } = cursor;
	for (const record of records) newestMs = Math.max(newestMs, createdMs(record) ?? newestMs);
	const idsAtNewest = new Set(newestMs === cursor.newestMs ? cursor.idsAtNewest : []);
	for (const record of records) if (createdMs(record) === newestMs) idsAtNewest.add(String(record.id));
	return { list: cursor.list, newestMs, idsAtNewest: [...idsAtNewest] };
}

/** The cursor at activation: everything in `newestFirst` counts as seen. */
export function baseline(list: string, newestFirst: IDataObject[]): PollCursor {
	return advance({ list, newestMs: -1, idsAtNewest: [] }, newestFirst);
}

/** Oldest first, ties in a stable order by id: the order items are emitted in. */
export function oldestFirst(records: IDataObject[]): IDataObject[] {
	return [...records].sort(
		(a, b) => (createdMs(a) ?? 0) - (createdMs(b) ?? 0) || String(a.id).localeCompare(String(b.id)),
	);
}

/** The stored cursor when it is one and belongs to `list`, else undefined. */
export function storedCursor(stored: unknown, list: string): PollCursor | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	const cursor = stored as PollCursor;
	const valid = cursor.list === list && typeof cursor.newestMs === 'number' && Array.isArray(cursor.idsAtNewest);
	return valid ? cursor : undefined;
}
