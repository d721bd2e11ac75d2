import { runListSearch } from '../scripts/harness/n8n-core';
import { byId, leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';
import { TriggerHarness } from './harness/trigger';

/**
 * The nodes against the sandbox as the different Sophiie (sandbox/dialect.ts):
 * where it answers an open point another plausible way, the operation still
 * works, and where its answer cannot be used the error says so and points to
 * the contract check.
 */
const env = useSandbox({ dialect: 'different' });
const knowledge = () => env.sandbox.store.records.get('org_acme')!.knowledge;

describe('the Sophiie node against the different Sophiie', () => {
	test.each([
		['scenario', 'scenarioId', () => knowledge().scenarios],
		['transfer', 'transferId', () => knowledge().transfers],
		['policy', 'policyId', () => knowledge().policies],
		['faq', 'faqId', () => knowledge().faqs],
	] as const)('%s › Delete answered 204 No Content is done', async (resource, locator, collection) => {
		const [record] = collection().list();
		const { items, error } = await env.run(resource, 'delete', { [locator]: byId(record.id) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, id: record.id });
		expect(collection().find(String(record.id))).toBeUndefined();
	});

	test('an FAQ list without counters is read to its last page, by Get Many, Create or Update and the From list search', async () => {
		for (let n = 0; n < 120; n++) knowledge().faqs.seed({ question: `Question ${n}?`, answer: 'Yes.', isActive: true }, env.sandbox.store.now());
		const all = knowledge().faqs.list().map((faq) => faq.id);
		expect(all.length).toBeGreaterThan(100);
		const { items } = await env.run('faq', 'getAll', { returnAll: true });
		expect(items.map((item) => item.json.id)).toEqual(all);
		expect(env.apiRequests().map((request) => request.query)).toEqual([{ page: '1', limit: '100' }, { page: '2', limit: '100' }]);
		const oldest = knowledge().faqs.list().at(-1)!;
		const updated = await env.run('faq', 'createOrUpdate', { question: String(oldest.question), answer: 'Updated.' });
		expect(updated.items[0].json).toMatchObject({ id: oldest.id, outcome: 'updated', answer: 'Updated.' });
		const search = await runListSearch('searchFaqs', env.credentials, String(oldest.question));
		expect(search.results.map((result) => result.value)).toEqual([String(oldest.id)]);
	});

	test('a phone another lead has is no duplicate here: Create makes the lead, Create or Update still updates by email', async () => {
		const [existing] = env.sandbox.store.listLeads('org_acme');
		const created = await env.run('lead', 'create', { firstName: 'Sam', additionalFields: { phone: existing.phone } });
		expect(created.items[0].json).toMatchObject({ firstName: 'Sam', phone: existing.phone });
		const matched = await env.run('lead', 'createOrUpdate', { firstName: 'Sam', additionalFields: { email: existing.email } });
		expect(matched.items[0].json).toMatchObject({ id: existing.id, outcome: 'updated' });
	});

	test('List Activities filters by an event name the list does not offer', async () => {
		const [lead] = env.sandbox.store.listLeads('org_acme');
		await env.run('lead', 'update', { leadId: byId(lead.id), updateFields: { suburb: 'Newtown' } });
		const { items } = await env.run('lead', 'listActivities', { ...leadParameters('listActivities', lead.id), returnAll: true, filters: { customEventTypes: 'LEAD_EDITED' } });
		expect(items.map((item) => item.json.event)).toEqual(['LEAD_EDITED']);
	});

	test("a value Sophiie refuses (a Cold transfer) is Sophiie's 400, pointing to the contract check", async () => {
		const { error } = await env.run('transfer', 'create', { label: 'After hours', method: 'COLD', destinationType: 'DEPARTMENT', destination: 'Sales', conditions: 'After 5pm' });
		expect(error?.message).toContain('Bad request');
		expect(error?.description).toContain('npm run verify:sophiie');
	});
});

describe('the Sophiie Trigger against the different Sophiie', () => {
	test('finds the hook id in a wrapped subscribe answer, and unsubscribes it on deactivation', async () => {
		const trigger = new TriggerHarness(env.credentials, { events: ['LEAD_CREATED'], userId: 'usr_acme1' });
		await trigger.listen();
		try {
			await trigger.activate();
			const [hook] = env.sandbox.webhooks.list();
			const stored = Object.values(trigger.staticData.subscriptions as Record<string, { hooks: unknown[] }>)[0];
			expect(stored.hooks).toEqual([{ event: 'LEAD_CREATED', hookId: hook.id }]);
			await trigger.deactivate();
			expect(env.sandbox.webhooks.list()).toEqual([]);
		} finally {
			await trigger.close();
		}
	});
});
