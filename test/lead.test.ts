import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** Lead › Create, Get Many and List Notes (Get, Update, Delete and List Activities have files of their own), through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

describe('Lead → Create, Get Many, List Notes', () => {
	test('Create sends the fields set and returns the new lead unwrapped', async () => {
		const { items, error } = await run('lead', 'create', {
			firstName: 'Aroha',
			additionalFields: { lastName: 'Ngata', email: 'aroha@example.com', phone: '+64211234567', suburb: 'Ponsonby', instagram: '@aroha' },
		});
		expect(error).toBeUndefined();
		const [post] = env.apiRequests();
		expect(post).toMatchObject({ method: 'POST', path: '/v1/leads' });
		expect(post.body).toEqual({
			firstName: 'Aroha',
			lastName: 'Ngata',
			email: 'aroha@example.com',
			phone: '+64211234567',
			suburb: 'Ponsonby',
			socials: { instagram: '@aroha' },
		});
		expect(items[0].json).toMatchObject({ id: expect.stringMatching(/^ld_/), firstName: 'Aroha', status: 'active' });
		expect(env.sandbox.store.findLead('org_acme', String(items[0].json.id))?.email).toBe('aroha@example.com');
	});

	test('Create of a lead whose email exists is Sophiie’s conflict; a bad phone is refused first', async () => {
		const existing = env.sandbox.store.listLeads('org_acme')[0];
		const conflict = await run('lead', 'create', { firstName: 'Dup', additionalFields: { email: existing.email } });
		expect(conflict.error?.message).toBe('Sophiie reported a conflict: "Conflict" (HTTP 409)');

		env.sandbox.clearRequests();
		const invalid = await run('lead', 'create', { firstName: 'Al', additionalFields: { phone: '0412' } });
		expect(invalid.error?.message).toMatch(/^Invalid Additional Fields › Phone in item 0: "0412" is not an E.164 phone number/);
		const empty = await run('lead', 'create', { firstName: ' ' });
		expect(empty.error?.message).toBe('Invalid First Name in item 0: it is empty');
		expect(env.apiRequests()).toEqual([]);
	});

	test('Get Many returns every lead with Return All, or the newest with Limit', async () => {
		const all = await run('lead', 'getAll', { returnAll: true });
		expect(all.items.map((item) => item.json.id)).toEqual(env.sandbox.store.listLeads('org_acme').map((lead) => lead.id));
		const some = await run('lead', 'getAll', { limit: 3 });
		expect(some.items.map((item) => item.json.id)).toEqual(env.sandbox.store.listLeads('org_acme').slice(0, 3).map((lead) => lead.id));
	});

	test('a list that stops at its Limit while Sophiie holds more says so in the output panel, once', async () => {
		const hints = (result: Awaited<ReturnType<typeof run>>) =>
			result.run.data.resultData.runData.Sophiie[0].hints?.map((hint) => hint.message) ?? [];
		const total = env.sandbox.store.listLeads('org_acme').length;
		const limited = await run('lead', 'getAll', { limit: 50 }, [{}, {}]);
		expect(hints(limited)).toEqual([`Returned 50 of ${total} leads – turn on Return All to get them all`]);
		expect(hints(await run('lead', 'getAll', { returnAll: true }))).toEqual([]);
		expect(hints(await run('lead', 'getAll', { limit: total }))).toEqual([]);
		const busy = env.sandbox.seed.busyLeadId;
		const filtered = await run('lead', 'listActivities', { leadId: byId(busy), limit: 5, filters: { eventTypes: ['LEAD_UPDATED'] } });
		expect(hints(filtered)).toEqual(['Returned the first 5 activities; Sophiie holds more – turn on Return All to get them all']);
	});

	test('List Notes returns the lead’s notes; an unknown lead is not found', async () => {
		const lead = env.sandbox.store.listLeads('org_acme').find((candidate) => env.sandbox.store.listNotes(candidate.id).length > 0)!;
		const { items } = await run('lead', 'listNotes', { leadId: byId(lead.id), returnAll: true });
		expect(items.map((item) => item.json)).toEqual(env.sandbox.store.listNotes(lead.id));
		const missing = await run('lead', 'listNotes', { leadId: byId('ld_nobody'), returnAll: true });
		expect(missing.error?.message).toBe('Lead ld_nobody not found');
	});
});
