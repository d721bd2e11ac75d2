import { advance, baseline, isNew, isOlder, oldestFirst, storedCursor } from '../nodes/SophiiePollingTrigger/cursor';

/** The polling cursor's rules, pure: no server, no n8n. */
const at = (id: string, createdAt: string) => ({ id, createdAt });
const T1 = '2026-11-24T10:00:00.000Z';
const T2 = '2026-11-24T10:00:00.001Z';

describe('polling cursor', () => {
	const cursor = baseline('newLead:{}', [at('b', T1), at('a', T1), at('z', '2026-11-24T09:00:00.000Z')]);

	test('the baseline is the newest instant with every id seen at it', () => {
		expect(cursor).toEqual({ list: 'newLead:{}', newestMs: Date.parse(T1), idsAtNewest: ['b', 'a'] });
		expect(baseline('newLead:{}', [])).toEqual({ list: 'newLead:{}', newestMs: -1, idsAtNewest: [] });
	});

	test('new: a later instant, or the same instant under an unseen id; older stops the read', () => {
		expect(isNew(at('c', T2), cursor)).toBe(true);
		expect(isNew(at('c', T1), cursor)).toBe(true);
		expect(isNew(at('a', T1), cursor)).toBe(false);
		expect(isOlder(at('a', T1), cursor)).toBe(false);
		expect(isOlder(at('z', '2026-11-24T09:59:59.999Z'), cursor)).toBe(true);
	});

	test('advancing keeps the ids of the same instant, and starts afresh at a newer one', () => {
		expect(advance(cursor, [at('c', T1)]).idsAtNewest).toEqual(['b', 'a', 'c']);
		expect(advance(cursor, [at('d', T2), at('c', T1)])).toEqual({ list: 'newLead:{}', newestMs: Date.parse(T2), idsAtNewest: ['d'] });
	});

	test('emitted oldest first, ties by id', () => {
		expect(oldestFirst([at('d', T2), at('c', T1), at('a', T1)]).map((record) => record.id)).toEqual(['a', 'c', 'd']);
	});

	test('a stored cursor of another list, or not a cursor, is not used', () => {
		expect(storedCursor(cursor, 'newLead:{}')).toBe(cursor);
		expect(storedCursor(cursor, 'newInquiry:{}')).toBeUndefined();
		expect(storedCursor({ list: 'newLead:{}' }, 'newLead:{}')).toBeUndefined();
		expect(storedCursor(undefined, 'newLead:{}')).toBeUndefined();
	});
});
