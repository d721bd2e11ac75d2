import type { IDataObject } from 'n8n-workflow';

import { runLoadOptions, runSophiieNode } from './harness/n8n';
import { useSandbox } from './harness/sandbox';

/** Every documented endpoint beyond the four Lead operations, through n8n-core against the sandbox. */
const env = useSandbox();

const run = (resource: string, operation: string, parameters: IDataObject = {}, items?: IDataObject[]) =>
	runSophiieNode({ credentials: env.credentials, items, parameters: { resource, operation, ...parameters } });

const records = () => env.sandbox.store.records.get('org_acme')!;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

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

describe('Inquiry', () => {
	test('Get returns the inquiry with its call data', async () => {
		const call = records().inquiries.find((inquiry) => inquiry.source === 'CALL')!;
		const { items } = await run('inquiry', 'get', { inquiryId: call.id });
		expect(items[0].json).toMatchObject({ id: call.id, source: 'CALL', data: { direction: 'LEAD_TO_AI', transcripts: expect.any(Array) } });
		const missing = await run('inquiry', 'get', { inquiryId: 'in_none' });
		expect(missing.error?.message).toBe('Inquiry in_none not found');
	});

	test('Get Many filters by lead and source and expands as asked', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[4];
		const byLead = await run('inquiry', 'getAll', { returnAll: true, filters: { leadId: byId(lead.id), expand: 'both' } });
		expect(byLead.items.map((item) => item.json.leadId)).toEqual([lead.id]);
		expect(byLead.items[0].json).toMatchObject({ externalInquiryId: expect.any(String), lead: { id: lead.id, email: lead.email } });
		expect(env.apiRequests().at(-1)?.query).toEqual({ leadId: lead.id, expand: 'both', page: '1', limit: '100' });

		const sms = await run('inquiry', 'getAll', { returnAll: true, filters: { source: 'SMS' } });
		expect(sms.items.length).toBe(records().inquiries.filter((inquiry) => inquiry.source === 'SMS').length);
		expect(sms.items.every((item) => item.json.source === 'SMS' && item.json.lead === undefined)).toBe(true);
	});
});

describe('Appointment, Member, Organization, Company', () => {
	test('Appointment → Get Many, all or of one lead', async () => {
		const all = await run('appointment', 'getAll', { returnAll: true });
		expect(all.items.map((item) => item.json.id)).toEqual(records().appointments.map((appointment) => appointment.id));
		const [first] = records().appointments;
		const ofLead = await run('appointment', 'getAll', { returnAll: true, filters: { leadId: byId(first.leadId) } });
		expect(ofLead.items.map((item) => item.json)).toEqual([first]);
	});

	test('Member → Get Many and Organization → Get, Get Members', async () => {
		const members = await run('member', 'getAll', { returnAll: true });
		expect(members.items.map((item) => item.json)).toEqual(env.sandbox.store.members.get('org_acme'));
		const organization = await run('organization', 'get');
		expect(organization.items.map((item) => item.json)).toEqual([env.sandbox.store.organizations.get('org_acme')]);
		const orgMembers = await run('organization', 'getMembers', { limit: 2 });
		expect(orgMembers.items.map((item) => item.json)).toEqual(records().organizationMembers.slice(0, 2));
	});

	test('Organization → Get Products / Get Services: one item each, with its category', async () => {
		const products = await run('organization', 'getProducts');
		expect(products.items.map((item) => item.json)).toEqual(
			records().products.categories.flatMap(({ id, name, type, products: entries }) =>
				entries.map((entry) => ({ ...entry, category: { id, name, type } })),
			),
		);
		const services = await run('organization', 'getServices');
		expect(services.items.map((item) => item.json.name)).toEqual(['Blocked drain', 'Leak detection']);
		expect(services.items[0].json.category).toEqual({ id: 3, name: 'Plumbing', type: 'SERVICE' });
	});

	test('Company → List Notes; an unknown company is not found', async () => {
		const [companyId, notes] = [...records().companyNotes.entries()][0];
		const { items } = await run('company', 'listNotes', { companyId, returnAll: true });
		expect(items.map((item) => item.json)).toEqual(notes);
		const missing = await run('company', 'listNotes', { companyId: 'cmp_none', returnAll: true });
		expect(missing.error?.message).toBe('Company cmp_none not found');
	});
});

describe('SMS → Send', () => {
	test('sends as the chosen member to the chosen lead; a new thread creates an inquiry', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[2];
		const inquiriesBefore = records().inquiries.length;
		const { items, error } = await run('sms', 'send', { userId: 'usr_acme2', leadId: byId(lead.id), message: 'Hi! Can we book you in for Tuesday?' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ message: 'Message sent successfully', leadId: lead.id, userId: 'usr_acme2' });
		expect(env.apiRequests()[0].body).toEqual({ userId: 'usr_acme2', leadId: lead.id, message: 'Hi! Can we book you in for Tuesday?' });
		expect(records().inquiries).toHaveLength(inquiriesBefore + 1);
		expect(records().inquiries[0]).toMatchObject({ source: 'SMS', leadId: lead.id });

		const threadId = records().sms[0].messageThreadId;
		const reply = await run('sms', 'send', { userId: 'usr_acme2', leadId: byId(lead.id), message: 'Following up', additionalFields: { messageThreadId: threadId } });
		expect(reply.items[0].json).toMatchObject({ messageThreadId: threadId });
		expect(records().inquiries).toHaveLength(inquiriesBefore + 1);
	});

	test('is not sent twice when Sophiie fails; bad input sends nothing', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[2];
		env.sandbox.addFault({ path: '^/v1/sms', status: 503, times: 1 });
		const failed = await run('sms', 'send', { userId: 'usr_acme1', leadId: byId(lead.id), message: 'Hello' });
		expect(failed.error?.message).toBe('Sophiie server error (HTTP 503): "Error"');
		expect(env.apiRequests()).toHaveLength(1);

		env.sandbox.clearRequests();
		const empty = await run('sms', 'send', { userId: 'usr_acme1', leadId: byId(lead.id), message: '  ' });
		expect(empty.error?.message).toBe('Invalid Message in item 0: it is empty');
		const badThread = await run('sms', 'send', { userId: 'usr_acme1', leadId: byId(lead.id), message: 'Hi', additionalFields: { messageThreadId: 1.5 } });
		expect(badThread.error?.message).toMatch(/^Invalid Additional Fields › Message Thread ID in item 0/);
		expect(env.apiRequests()).toEqual([]);
	});

	test('the Sender dropdown lists the organization’s members', async () => {
		const options = await runLoadOptions('getMembers', env.credentials, 'sophiie');
		expect(options.map((option) => option.value)).toEqual(['usr_acme1', 'usr_acme2', 'usr_acme3']);
	});
});
