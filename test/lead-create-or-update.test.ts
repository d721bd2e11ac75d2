/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from './harness/sandbox';

/** Lead › Create or Update: create, and on Sophiie's 409 update the lead with the same email (or phone). */
const env = useSandbox();
const leads = () => env.sandbox.store.listLeads('org_acme');
const run = (parameters = {}, items?: IDataObject[]) => env.run('lead', 'createOrUpdate', parameters, items);
const requestLine = ({ method, path }: { method: string; path: string }) => `${method} ${path}`;

describe('Lead → Create or Update', () => {
	test('a new email creates the lead: one request, and the output says "created"', async () => {
		const { items, error } = await run({ firstName: 'Ada', additionalFields: { email: 'ada.new@example.com', suburb: 'Glebe' } });
		expect(error).toBeUndefined();
		expect(env.apiRequests().map(requestLine)).toEqual(['POST /v1/leads']);
		expect(items[0].json).toMatchObject({ firstName: 'Ada', email: 'ada.new@example.com', outcome: 'created' });
		expect(leads()[0].email).toBe('ada.new@example.com');
	});

	test('an existing email (in any case) updates that lead with the fields given, and the output says "updated"', async () => {
		const count = leads().length;
		const existing = leads()[120];
		const { items, error } = await run({ firstName: 'Renamed', additionalFields: { email: existing.email.toUpperCase(), suburb: 'Manly' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: existing.id, firstName: 'Renamed', suburb: 'Manly', outcome: 'updated' });
		expect(leads()).toHaveLength(count);
		const lines = env.apiRequests().map(requestLine);
		expect(lines[0]).toBe('POST /v1/leads');
		expect(lines.at(-1)).toBe(`PUT /v1/leads/${existing.id}`);
		// Lead 120 of the list (newest first) is on page 2 of 100: two list reads.
		expect(lines.slice(1, -1)).toEqual(['GET /v1/leads', 'GET /v1/leads']);
	});

	test('Match By Phone finds the lead with the same number; no email or phone to match on is refused before sending', async () => {
		const existing = leads()[3];
		const { items } = await run({ firstName: 'Sam', matchBy: 'phone', additionalFields: { phone: existing.phone } });
		expect(items[0].json).toMatchObject({ id: existing.id, firstName: 'Sam', outcome: 'updated' });

		env.sandbox.reset();
		const { error } = await run({ firstName: 'Sam', matchBy: 'email', additionalFields: { phone: '+61400000000' } });
		expect(error?.message).toBe('Missing Additional Fields › Email in item 0: Create or Update finds an existing lead by it');
		expect(env.apiRequests()).toEqual([]);
	});

	test('Email, Then Phone: a phone match counts only when no lead has the email', async () => {
		const byPhone = leads()[2];
		const { items } = await run({ firstName: 'Kim', additionalFields: { email: 'nobody.has.this@example.com', phone: byPhone.phone } });
		expect(items[0].json).toMatchObject({ id: byPhone.id, email: 'nobody.has.this@example.com', outcome: 'updated' });
		// The whole list was read to be sure no lead has the email: 260 leads, 3 pages.
		expect(env.apiRequests().filter((request) => request.method === 'GET')).toHaveLength(3);
	});

	test('an organization of 2,000 leads: the oldest lead is found in 20 list reads, 22 requests in all', async () => {
		const { store } = env.sandbox;
		const ownerId = env.sandbox.seed.organizations.acme.ownerId;
		for (let n = leads().length; n < 2000; n++) {
			store.createLead('org_acme', `ld_bulk${String(n).padStart(5, '0')}`, { firstName: `Bulk${n}`, email: `bulk${n}@example.com` }, ownerId);
		}
		env.sandbox.clearRequests();
		const oldest = leads().at(-1)!;
		const { items, error } = await run({ firstName: 'Oldest', additionalFields: { email: oldest.email } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: oldest.id, outcome: 'updated' });
		const requests = env.apiRequests();
		process.stderr.write(`Create or Update, 2,000 leads, the oldest matched: ${requests.length} requests (1 POST, ${requests.length - 2} list pages, 1 PUT)\n`);
		expect(requests.map((request) => request.method)).toEqual(['POST', ...new Array(20).fill('GET'), 'PUT']);
	});

	test('a duplicate Sophiie reports but no listed lead matches is an error that says what was searched', async () => {
		const deleted = leads()[10];
		env.sandbox.store.deleteLead('org_acme', deleted, env.sandbox.seed.organizations.acme.ownerId);
		env.sandbox.addFault({ method: 'POST', path: '^/v1/leads$', status: 409, times: 1 });
		const { error } = await run({ firstName: 'Ghost', matchBy: 'email', additionalFields: { email: deleted.email } });
		expect(error?.message).toBe('Sophiie reported a duplicate lead, but no lead in all 3 pages of leads has this email (item 0)');
	});
});
