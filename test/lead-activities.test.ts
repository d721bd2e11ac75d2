import { runSophiieNode } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

const activityRequests = () =>
	env.apiRequests().filter((request) => request.path.endsWith('/activities'));

describe('Lead → List Activities', () => {
	test('Return All reads every page (more than 10) and returns each activity once, in Sophiie’s order', async () => {
		const { busyLeadId, busyLeadActivityCount } = env.sandbox.seed;
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: true }),
		});
		expect(error).toBeUndefined();
		const expectedIds = env.sandbox.store.listActivities(busyLeadId).map((activity) => activity.id);
		expect(items.map((item) => item.json.id)).toEqual(expectedIds);
		expect(items).toHaveLength(busyLeadActivityCount);
		expect(items.every((item) => item.json.leadId === busyLeadId)).toBe(true);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);

		const pages = activityRequests();
		expect(pages.length).toBe(Math.ceil(busyLeadActivityCount / 100));
		expect(pages.length).toBeGreaterThan(10);
		// Each page exactly once (later pages are requested a few at a time, so in any order).
		expect(pages.map((request) => request.query).sort((a, b) => Number(a.page) - Number(b.page))).toEqual(
			pages.map((_, index) => ({ page: String(index + 1), limit: '100' })),
		);
		expect(pages[0].query.page).toBe('1');
	});

	test('Limit returns that many of the newest activities with as few requests as possible', async () => {
		const { busyLeadId } = env.sandbox.seed;
		const expected = env.sandbox.store.listActivities(busyLeadId).map((activity) => activity.id);

		const small = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: false, limit: 7 }),
		});
		expect(small.items.map((item) => item.json.id)).toEqual(expected.slice(0, 7));
		expect(activityRequests().map((request) => request.query)).toEqual([{ page: '1', limit: '7' }]);

		env.sandbox.clearRequests();
		const large = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: false, limit: 250 }),
		});
		expect(large.items.map((item) => item.json.id)).toEqual(expected.slice(0, 250));
		expect(activityRequests()).toHaveLength(3);
	});

	test('the default limit is 50', async () => {
		const { busyLeadId } = env.sandbox.seed;
		const { items } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId),
		});
		expect(items).toHaveLength(50);
	});

	test('Event Types keeps only the chosen events, including typed-in ones', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[30];
		for (const [index, lastName] of ['A', 'B'].entries()) {
			await runSophiieNode({
				credentials: env.credentials,
				parameters: leadParameters('update', lead.id, { updateFields: { lastName: `${lastName}${index}` } }),
			});
		}
		const activities = env.sandbox.store.listActivities(lead.id);
		const run = (filters: object) =>
			runSophiieNode({
				credentials: env.credentials,
				parameters: leadParameters('listActivities', lead.id, { returnAll: true, filters }),
			});

		const updated = await run({ eventTypes: ['LEAD_UPDATED'] });
		expect(updated.items.map((item) => item.json.id)).toEqual(
			activities.filter((activity) => activity.event === 'LEAD_UPDATED').map((activity) => activity.id),
		);
		expect(updated.items).toHaveLength(2);

		const typed = await run({ customEventTypes: ' LEAD_CREATED , SOMETHING_ELSE' });
		expect(typed.items.map((item) => item.json.event)).toEqual(['LEAD_CREATED']);

		const none = await run({ eventTypes: ['LEAD_DELETED'] });
		expect(none.items).toEqual([]);
		expect(none.error).toBeUndefined();
	});

	test('an activity repeated on the next page (the list shifted) is returned once', async () => {
		const { busyLeadId } = env.sandbox.seed;
		const all = env.sandbox.store.listActivities(busyLeadId);
		// Page 2 starts with the last two activities of page 1, as if two new
		// activities had been added between the two requests.
		const shifted = [...all.slice(98, 100), ...all.slice(100, 198)];
		env.sandbox.addFault({
			path: `/v1/leads/${busyLeadId}/activities\\?page=2&`,
			status: 200,
			body: JSON.stringify({ activities: shifted, totalPages: 2, currentPage: 2, totalCount: 200 }),
			times: 1,
		});
		env.sandbox.addFault({
			path: `/v1/leads/${busyLeadId}/activities\\?page=1&`,
			status: 200,
			body: JSON.stringify({ activities: all.slice(0, 100), totalPages: 2, currentPage: 1, totalCount: 200 }),
			times: 1,
		});
		const { items } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: true }),
		});
		const ids = items.map((item) => item.json.id);
		expect(ids).toEqual(all.slice(0, 198).map((activity) => activity.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('a lead without activities returns no items and no error', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[40];
		env.sandbox.addFault({
			path: `/v1/leads/${lead.id}/activities`,
			status: 200,
			body: JSON.stringify({ activities: [], totalPages: 0, currentPage: 1, totalCount: 0 }),
		});
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', lead.id, { returnAll: true }),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('concurrency', () => {
	test('Concurrent Requests overlaps up to that many items, keeping output order and pairing', async () => {
		const leads = env.sandbox.store.listLeads('org_acme').slice(0, 40);
		env.sandbox.setLatency(30);
		const run = (concurrency: number) =>
			runSophiieNode({
				credentials: env.credentials,
				items: leads.map((lead) => ({ leadId: lead.id })),
				parameters: leadParameters('get', '={{ $json.leadId }}', { simplify: true, options: { concurrency } }),
			});

		const { items, error } = await run(8);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(leads.map((lead) => lead.id));
		expect(items.map((item) => item.pairedItem)).toEqual(leads.map((_, item) => ({ item })));
		expect(env.sandbox.peakConcurrency()).toBe(8);

		env.sandbox.clearRequests();
		await run(1);
		expect(env.sandbox.peakConcurrency()).toBe(1);
	});

	test("with items read ahead, an item whose Lead ID expression fails stops the run in its turn, with n8n's error naming it", async () => {
		const leads = env.sandbox.store.listLeads('org_acme').slice(0, 12);
		env.sandbox.setLatency(10);
		const items = leads.map((lead, index) => ({ leadId: index === 9 ? undefined : lead.id, broken: index === 9 }));
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			items,
			parameters: leadParameters('get', "={{ $json.broken ? $json.leadId.toUpperCase() : $json.leadId }}", { options: { concurrency: 4 } }),
		});
		expect(error?.message).toMatch(/in item 9/);
		// Items before it ran; none after the failure started.
		const gets = env.apiRequests().filter((request) => request.method === 'GET');
		expect(gets.map((request) => request.path)).toEqual(expect.arrayContaining(leads.slice(0, 9).map((lead) => `/v1/leads/${lead.id}`)));
		expect(gets.length).toBeLessThan(12);
	});

	test('Return All requests the pages after the first a few at a time', async () => {
		const { busyLeadId } = env.sandbox.seed;
		env.sandbox.setLatency(20);
		const { items } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: true }),
		});
		expect(items).toHaveLength(env.sandbox.seed.busyLeadActivityCount);
		expect(env.sandbox.peakConcurrency()).toBe(5);
	});

	test('an invalid Concurrent Requests is refused before any request', async () => {
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', 'ld_abc123', { options: { concurrency: 0 } }),
		});
		expect(error?.message).toBe('Invalid Options › Concurrent Requests in item 0: 0 is not a whole number from 1 to 32');
		expect(env.apiRequests()).toEqual([]);
	});
});
