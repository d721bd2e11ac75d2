import {
	advance,
	baseline,
	floorMs,
	isBeforeFloor,
	isBeyondCatchUp,
	isNew,
	oldestFirst,
	storedCursor,
} from '../nodes/SophiiePollingTrigger/cursor';
import { CATCH_UP_MS, LOOK_BACK_MS } from '../nodes/SophiiePollingTrigger/pollEvents';

/** The polling cursor's rules, pure: no server, no n8n, an injected clock. */
const at = (id: string, ms: number) => ({ id, createdAt: new Date(ms).toISOString() });
const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const MINUTE = 60_000;

describe('polling cursor', () => {
	const cursor = baseline('newLead:{}:src', [at('b', NOW - MINUTE), at('a', NOW - MINUTE), at('z', NOW - 90 * MINUTE)], NOW);

	test('the baseline marks where the list stood: the newest instant, its ids seen, nothing before it new', () => {
		expect(cursor).toEqual({ key: 'newLead:{}:src', sinceMs: NOW - MINUTE, newestMs: NOW - MINUTE, seen: { b: NOW - MINUTE, a: NOW - MINUTE }, unreadable: [] });
		expect(baseline('k', [], NOW)).toEqual({ key: 'k', sinceMs: NOW, newestMs: -1, seen: {}, unreadable: [] });
		expect(isNew(at('c', NOW - MINUTE), cursor, NOW)).toBe(true);
		expect(isNew(at('a', NOW - MINUTE), cursor, NOW)).toBe(false);
		expect(isNew(at('y', NOW - 2 * MINUTE), cursor, NOW)).toBe(false);
	});

	test('after the activation, a record that shows up late within the look-back window is new, once', () => {
		const later = advance(cursor, [at('c', NOW + 30 * MINUTE)], NOW + 31 * MINUTE);
		const late = at('late', NOW + 5 * MINUTE);
		expect(isNew(late, later, NOW + 32 * MINUTE)).toBe(true);
		const emitted = advance(later, [late], NOW + 32 * MINUTE);
		expect(isNew(late, emitted, NOW + 33 * MINUTE)).toBe(false);
		// Older than the window: the read has gone past what can be new.
		const tooLate = at('too-late', NOW + 30 * MINUTE - LOOK_BACK_MS - 1);
		expect(isNew(tooLate, emitted, NOW + 33 * MINUTE)).toBe(false);
		expect(isBeforeFloor(tooLate, emitted, NOW + 33 * MINUTE)).toBe(true);
	});

	test('ids below the window are dropped, the newest kept', () => {
		const start = baseline('k', [], NOW - 3 * LOOK_BACK_MS);
		const cursorWithOld = advance(start, [at('old', NOW - 2 * LOOK_BACK_MS), at('new', NOW)], NOW);
		expect(cursorWithOld.seen).toEqual({ new: NOW });
	});

	test('a createdAt in the future is emitted once and does not move the cursor past the poll', () => {
		const future = at('future', NOW + 365 * 24 * 60 * MINUTE);
		const moved = advance(cursor, [future], NOW);
		expect(moved.newestMs).toBe(NOW);
		expect(isNew(future, moved, NOW + MINUTE)).toBe(false);
		expect(isNew(at('next', NOW + MINUTE), moved, NOW + 2 * MINUTE)).toBe(true);
	});

	test('after a pause, records older than the catch-up limit are not new, and are counted', () => {
		const paused = advance(cursor, [], NOW);
		const resumedAt = NOW + 2 * CATCH_UP_MS;
		expect(floorMs(paused, resumedAt)).toBe(resumedAt - CATCH_UP_MS);
		const missed = at('missed', NOW + 10 * MINUTE);
		expect(isNew(missed, paused, resumedAt)).toBe(false);
		expect(isBeyondCatchUp(missed, paused, resumedAt)).toBe(true);
		expect(isNew(at('recent', resumedAt - MINUTE), paused, resumedAt)).toBe(true);
	});

	test('a record without a readable createdAt is never new; its id is remembered to warn once', () => {
		expect(isNew({ id: 'x', createdAt: 'yesterday' }, cursor, NOW)).toBe(false);
		expect(isNew({ id: 'x' }, cursor, NOW)).toBe(false);
		expect(advance(cursor, [], NOW, ['x']).unreadable).toEqual(['x']);
	});

	test('emitted oldest first, ties by id', () => {
		expect(oldestFirst([at('d', NOW), at('c', NOW - 1), at('a', NOW - 1)]).map((record) => record.id)).toEqual(['a', 'c', 'd']);
	});

	test('a stored cursor of another key, or not a cursor, is not used; an earlier version’s cursor of the same list is', () => {
		expect(storedCursor(cursor, 'newLead:{}', 'newLead:{}:src')).toBe(cursor);
		expect(storedCursor(cursor, 'newLead:{}', 'newLead:{}:other')).toBeUndefined();
		expect(storedCursor({ key: 'newLead:{}:src' }, 'newLead:{}', 'newLead:{}:src')).toBeUndefined();
		expect(storedCursor(undefined, 'newLead:{}', 'newLead:{}:src')).toBeUndefined();
		const earlier = { list: 'newLead:{}', newestMs: NOW, idsAtNewest: ['a', 'b'] };
		expect(storedCursor(earlier, 'newLead:{}', 'newLead:{}:src')).toEqual({
			key: 'newLead:{}:src',
			sinceMs: NOW,
			newestMs: NOW,
			seen: { a: NOW, b: NOW },
			unreadable: [],
		});
		expect(storedCursor(earlier, 'newInquiry:{}', 'newInquiry:{}:src')).toBeUndefined();
	});
});
