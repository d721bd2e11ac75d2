import { RecentDeliveries } from '../nodes/SophiieTrigger/recentDeliveries';
import { deliveryKeyOf } from '../nodes/SophiieTrigger/triggerFacts';

/** The memory of started deliveries, with an injected clock: milliseconds. */
describe('recent deliveries', () => {
	const limits = { max: 3, maxAgeMs: 1000, pendingMs: 100 };

	test('new, then pending until settled; accepted repeats stay repeats, forgotten ones are new again', () => {
		const memory = new RecentDeliveries(limits);
		expect(memory.claim('a', 0)).toBe('new');
		expect(memory.claim('a', 10)).toBe('pending');
		memory.accept('a');
		expect(memory.claim('a', 20)).toBe('accepted');
		expect(memory.claim('b', 20)).toBe('new');
		memory.forget('b');
		expect(memory.claim('b', 30)).toBe('new');
	});

	test('a pending entry whose answer never came counts as accepted after pendingMs', () => {
		const memory = new RecentDeliveries(limits);
		memory.claim('a', 0);
		expect(memory.claim('a', 100)).toBe('pending');
		expect(memory.claim('a', 101)).toBe('accepted');
	});

	test('bounded in size (oldest go first) and in age', () => {
		const memory = new RecentDeliveries(limits);
		for (const key of ['a', 'b', 'c', 'd']) memory.claim(key, 0);
		expect(memory.size).toBe(3);
		expect(memory.claim('a', 1)).toBe('new');
		expect(memory.claim('d', 1)).toBe('pending');
		expect(memory.claim('e', 2000)).toBe('new');
		expect(memory.size).toBe(1);
	});

	test('the envelope id identifies a delivery; without an envelope, the whole body does', () => {
		expect(deliveryKeyOf('LEAD_CREATED', { id: 'evt_1', data: { id: 'ld_1' } })).toBe(deliveryKeyOf('LEAD_CREATED', { id: 'evt_1', data: { id: 'ld_2' } }));
		expect(deliveryKeyOf('LEAD_CREATED', { id: 'evt_1', data: {} })).not.toBe(deliveryKeyOf('LEAD_UPDATED', { id: 'evt_1', data: {} }));
		expect(deliveryKeyOf('LEAD_UPDATED', { id: 'ld_1', suburb: 'A' })).not.toBe(deliveryKeyOf('LEAD_UPDATED', { id: 'ld_1', suburb: 'B' }));
	});
});
