import type { IDataObject } from 'n8n-workflow';

import { CATCH_UP_MS, LOOK_BACK_MS, MAX_SEEN_IDS, MAX_UNREADABLE_IDS } from './pollEvents';

/**
 * Where the polls stand, and which records count as new. Pure functions,
 * unit-tested without a server.
 *
 * A record is new when it was created at or after the floor and its id is
 * not among those seen. The floor is the newest `createdAt` seen minus the
 * look-back window (so a record that shows up late, or out of order, within
 * the window is still emitted once), never before the activation mark
 * (records made before the trigger first polled are not emitted), and never
 * more than the catch-up limit before now (after a long pause, older records
 * are not emitted). The newest instant never moves past the time of the poll,
 * so a `createdAt` in the future cannot hide the records after it.
 */
export interface PollCursor {
	/** The list, credential and environment this cursor belongs to; another starts afresh. */
	key: string;
	/** Nothing created before this instant (ms) is emitted: where the list stood at activation. */
	sinceMs: number;
	/** The newest `createdAt` seen (ms), at most the time of the poll that saw it; -1 for none. */
	newestMs: number;
	/** Ids of records seen at or after the floor, with their `createdAt` (ms). */
	seen: Record<string, number>;
	/** Ids of records skipped for an unreadable `createdAt`, so each is warned about once. */
	unreadable: string[];
}

/** A record's creation time in milliseconds, or undefined when it has no readable `createdAt`. */
export function createdMs(record: IDataObject): number | undefined {
	const ms = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

/** The look-back floor alone: records before it can never be new again. */
function windowFloor(cursor: PollCursor): number {
	return Math.max(cursor.newestMs - LOOK_BACK_MS, cursor.sinceMs);
}

/** The floor of a poll at `now`: the look-back floor, or the catch-up limit when that is later. */
export function floorMs(cursor: PollCursor, now: number): number {
	return Math.max(windowFloor(cursor), now - CATCH_UP_MS);
}

export function isNew(record: IDataObject, cursor: PollCursor, now: number): boolean {
	const ms = createdMs(record);
	return ms !== undefined && ms >= floorMs(cursor, now) && !Object.hasOwn(cursor.seen, String(record.id));
}

/** Older than the floor: a list read newest first has gone past what can be new. */
export function isBeforeFloor(record: IDataObject, cursor: PollCursor, now: number): boolean {
	const ms = createdMs(record);
	return ms !== undefined && ms < floorMs(cursor, now);
}

/** Older than the catch-up limit but inside the look-back window: would have been new, but for the pause. */
export function isBeyondCatchUp(record: IDataObject, cursor: PollCursor, now: number): boolean {
	const ms = createdMs(record);
	return ms !== undefined && ms >= windowFloor(cursor) && ms < now - CATCH_UP_MS && !Object.hasOwn(cursor.seen, String(record.id));
}

/**
 * The cursor after a poll at `now` saw `records`: the newest instant (capped
 * at `now`), those ids added, and ids that fell below the floor dropped
 * (the newest MAX_SEEN_IDS at most).
 */
export function advance(cursor: PollCursor, records: IDataObject[], now: number, unreadable: string[] = []): PollCursor {
	let newestMs = cursor.newestMs;
	const seen = { ...cursor.seen };
	for (const record of records) {
		const ms = createdMs(record);
		if (ms === undefined) continue;
		newestMs = Math.max(newestMs, Math.min(ms, now));
		seen[String(record.id)] = ms;
	}
	const next: PollCursor = { ...cursor, newestMs, seen: {}, unreadable: [...new Set([...cursor.unreadable, ...unreadable])].slice(-MAX_UNREADABLE_IDS) };
	const floor = windowFloor(next);
	const kept = Object.entries(seen)
		.filter(([, ms]) => ms >= floor)
		.sort((a, b) => b[1] - a[1])
		.slice(0, MAX_SEEN_IDS);
	next.seen = Object.fromEntries(kept);
	return next;
}

/** The cursor at activation: everything in `newestFirst` counts as seen, nothing before it is new. */
export function baseline(key: string, newestFirst: IDataObject[], now: number): PollCursor {
	const seen = advance({ key, sinceMs: -1, newestMs: -1, seen: {}, unreadable: [] }, newestFirst, now);
	return advance({ ...seen, sinceMs: seen.newestMs === -1 ? now : seen.newestMs }, [], now);
}

/** Oldest first, ties in a stable order by id: the order items are emitted in. */
export function oldestFirst(records: IDataObject[]): IDataObject[] {
	return [...records].sort(
		(a, b) => (createdMs(a) ?? 0) - (createdMs(b) ?? 0) || String(a.id).localeCompare(String(b.id)),
	);
}

/**
 * The cursor an earlier version stored (`list`, `newestMs`, `idsAtNewest`: no
 * look-back, no credential in its key), read as one of this version when it
 * is of the same list.
 */
function migrated(stored: IDataObject, list: string, key: string): PollCursor | undefined {
	const { newestMs, idsAtNewest } = stored;
	if (stored.list !== list || typeof newestMs !== 'number' || !Array.isArray(idsAtNewest)) return undefined;
	const seen = Object.fromEntries((idsAtNewest as unknown[]).map((id) => [String(id), newestMs]));
	return { key, sinceMs: newestMs, newestMs, seen, unreadable: [] };
}

/** The stored cursor when it is one and belongs to `key` (of `list`), else undefined. */
export function storedCursor(stored: unknown, list: string, key: string): PollCursor | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	if ('idsAtNewest' in stored) return migrated(stored as IDataObject, list, key);
	const cursor = stored as PollCursor;
	const valid =
		cursor.key === key &&
		typeof cursor.sinceMs === 'number' &&
		typeof cursor.newestMs === 'number' &&
		!!cursor.seen &&
		typeof cursor.seen === 'object' &&
		Array.isArray(cursor.unreadable);
	return valid ? cursor : undefined;
}
