/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { ENDPOINTS } from '../nodes/shared/endpoints';
import type { Endpoint } from '../nodes/shared/endpoints';
import { useSandbox } from './harness/sandbox';

/**
 * The sandbox must behave as Sophiie's documentation says (sophiie-api.md),
 * independently of the node: these tests speak plain HTTP to it.
 */
const env = useSandbox();

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
	const token = init.token === undefined ? env.sandbox.seed.organizations.acme.token : init.token;
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (token) headers.Authorization = `Bearer ${token}`;
	const response = await fetch(`${env.sandbox.url}${path}`, { ...init, headers });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const envelope = (status: number, message: string) => ({ success: false, message, error: { status, message } });

describe('sandbox: authentication and tenancy', () => {
	test('a missing or unknown token gets the documented 401 envelope', async () => {
		expect(await call('/v1/leads', { token: null })).toMatchObject({
			status: 401,
			body: envelope(401, 'Invalid or expired token'),
		});
		expect((await call('/v1/organization', { token: 'sk_test_nobody' })).status).toBe(401);
	});

	test('each token sees only its own organization; a foreign lead is 404 Not found', async () => {
		const { acme, globex } = env.sandbox.seed.organizations;
		const acmeOrg = await call('/v1/organization');
		const globexOrg = await call('/v1/organization', { token: globex.token });
		expect(acmeOrg.body).toMatchObject({ id: acme.id, name: acme.name, timeZone: 'Australia/Sydney' });
		expect(globexOrg.body).toMatchObject({ id: globex.id });

		const globexLead = env.sandbox.store.listLeads(globex.id)[0];
		expect(await call(`/v1/leads/${globexLead.id}`)).toMatchObject({ status: 404, body: envelope(404, 'Not found') });
		expect((await call(`/v1/leads/${globexLead.id}`, { token: globex.token })).status).toBe(200);
	});
});

describe('sandbox: pagination rules', () => {
	test('defaults to page 1 and limit 50 with the resource-named list and three counters', async () => {
		const { status, body } = await call('/v1/leads');
		expect(status).toBe(200);
		expect(Object.keys(body).sort()).toEqual(['currentPage', 'leads', 'totalCount', 'totalPages']);
		expect(body.leads).toHaveLength(50);
		expect(body).toMatchObject({ currentPage: 1, totalCount: 260, totalPages: 6 });
	});

	test('limit is 1..100 and page ≥ 1; anything else is 400 Bad request', async () => {
		for (const query of ['limit=0', 'limit=101', 'limit=abc', 'page=0', 'page=-1', 'limit=1.5']) {
			expect(await call(`/v1/leads?${query}`)).toMatchObject({ status: 400, body: envelope(400, 'Bad request') });
		}
		expect((await call('/v1/leads?limit=100')).body.leads).toHaveLength(100);
	});

	test('a page past the end is empty, pages do not overlap', async () => {
		const page3 = await call('/v1/leads?limit=100&page=3');
		expect(page3.body.leads).toHaveLength(60);
		expect((await call('/v1/leads?limit=100&page=4')).body).toMatchObject({ leads: [], currentPage: 4, totalPages: 3 });
		const ids = new Set<string>();
		for (const page of [1, 2, 3]) {
			for (const lead of (await call(`/v1/leads?limit=100&page=${page}`)).body.leads) ids.add(lead.id);
		}
		expect(ids.size).toBe(260);
	});
});

describe('sandbox: every endpoint in the node’s endpoint table', () => {
	const rows = Object.entries(ENDPOINTS as Record<string, Endpoint>);
	const url = (segments: string[], query = '') => `/v1/${segments.map(encodeURIComponent).join('/')}${query}`;

	test.each(rows)('%s: the list answers its list key and the three counters, each record with an id', async (_name, endpoint) => {
		const { status, body } = await call(url(endpoint.listPath, '?limit=5'));
		expect(status).toBe(200);
		expect(Object.keys(body).sort()).toEqual(['currentPage', 'totalCount', 'totalPages', endpoint.listKey].sort());
		expect(body[endpoint.listKey].length).toBeGreaterThan(0);
		for (const record of body[endpoint.listKey]) expect(record).toHaveProperty('id');
		const foreign = await call(url(endpoint.listPath, '?limit=100'), { token: env.sandbox.seed.organizations.globex.token });
		const ownIds = new Set(body[endpoint.listKey].map((record: { id: unknown }) => record.id));
		for (const record of foreign.body[endpoint.listKey]) expect(ownIds.has(record.id)).toBe(false);
	});

	const withRecord = rows.filter(([, endpoint]) => endpoint.hasGet);
	test.each(withRecord)('%s: a listed record is read by its id; an unknown or foreign id is 404 Not found', async (_name, endpoint) => {
		const recordPath = endpoint.recordPath!;
		const listed = (await call(url(endpoint.listPath, '?limit=1'))).body[endpoint.listKey][0];
		const read = await call(url(recordPath(String(listed.id))));
		expect(read.status).toBe(200);
		// Some records come at the top level, others under their record key ({ scenario: {...} }).
		expect(endpoint.recordKey && read.body[endpoint.recordKey] ? read.body[endpoint.recordKey] : read.body).toMatchObject({ id: listed.id });
		expect(await call(url(recordPath('999999999')))).toMatchObject({ status: 404, body: envelope(404, 'Not found') });
		const globex = env.sandbox.seed.organizations.globex.token;
		const foreign = (await call(url(endpoint.listPath, '?limit=1'), { token: globex })).body[endpoint.listKey][0];
		expect(await call(url(recordPath(String(foreign.id))))).toMatchObject({ status: 404, body: envelope(404, 'Not found') });
	});
});

describe('sandbox: calls and what the AI receptionist knows', () => {
	test('scenarios: create answers { scenario } with the defaults; the same name is 409; unknown or missing fields are 400', async () => {
		const created = await call('/v1/scenarios', { method: 'POST', body: JSON.stringify({ name: 'Roof leak', prompt: 'Water through the ceiling', response: 'Book a visit' }) });
		expect(created).toMatchObject({ status: 201, body: { scenario: { name: 'Roof leak', isActive: true, questions: [], tradeServiceId: null } } });
		expect(typeof created.body.scenario.id).toBe('number');
		expect(await call('/v1/scenarios', { method: 'POST', body: JSON.stringify({ name: 'Roof leak', prompt: 'x', response: 'y' }) })).toMatchObject({
			status: 409,
			body: envelope(409, 'Conflict'),
		});
		expect((await call('/v1/scenarios', { method: 'POST', body: JSON.stringify({ name: 'No prompt' }) })).status).toBe(400);
		expect((await call(`/v1/scenarios/${created.body.scenario.id}`, { method: 'PUT', body: JSON.stringify({ colour: 'red' }) })).status).toBe(400);
	});

	test('a delete is soft: the record leaves the list and its id is 404 from then on; policies and FAQs have no Get', async () => {
		const { policies } = (await call('/v1/policies')).body;
		const id = policies[0].id;
		expect(await call(`/v1/policies/${id}`, { method: 'DELETE' })).toMatchObject({ status: 200, body: { message: 'Policy deleted successfully' } });
		expect((await call('/v1/policies')).body.policies.map((policy: { id: number }) => policy.id)).not.toContain(id);
		expect((await call(`/v1/policies/${id}`, { method: 'PUT', body: '{}' })).status).toBe(404);
		expect((await call(`/v1/policies/${id}`, { method: 'DELETE' })).status).toBe(404);
		const faq = (await call('/v1/faqs')).body.faqs[0];
		expect((await call(`/v1/faqs/${faq.id}`)).status).toBe(404);
	});

	test('transfers: the five documented fields are required; settings merge on update', async () => {
		const body = { label: 'Nights', method: 'WARM', destinationType: 'DEPARTMENT', destination: 'On-call', conditions: 'After 6pm' };
		expect((await call('/v1/transfers', { method: 'POST', body: JSON.stringify({ ...body, conditions: undefined }) })).status).toBe(400);
		const { transfer } = (await call('/v1/transfers', { method: 'POST', body: JSON.stringify(body) })).body;
		expect(transfer.settings).toEqual({ ignore_business_hours: false });
		const updated = await call(`/v1/transfers/${transfer.id}`, { method: 'PUT', body: JSON.stringify({ settings: { ignore_business_hours: true } }) });
		expect(updated.body.transfer).toMatchObject({ label: 'Nights', settings: { ignore_business_hours: true } });
	});

	test('calls: an E.164 number and a known mode; Transfer Only needs custom instructions', async () => {
		const post = (body: object) => call('/v1/calls', { method: 'POST', body: JSON.stringify(body) });
		expect(await post({ name: 'Jane', phoneNumber: '+61412345678' })).toMatchObject({ status: 200, body: { message: 'Call initiated successfully' } });
		expect((await post({ name: 'Jane', phoneNumber: '0412345678' })).status).toBe(400);
		expect((await post({ name: 'Jane', phoneNumber: '+61412345678', mode: 'transfer_only' })).status).toBe(400);
		expect((await post({ name: 'Jane', phoneNumber: '+61412345678', mode: 'shout' })).status).toBe(400);
		expect(env.sandbox.store.records.get('org_acme')!.calls).toHaveLength(1);
	});

	test('availability: the time zone and each day’s slots', async () => {
		const { body } = await call('/v1/organization/availability');
		expect(body.timeZone).toBe('Australia/Sydney');
		expect(body.days.map((day: { day: string }) => day.day)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
	});
});

describe('sandbox: lead shapes and mutations', () => {
	test('list items, detail and summary have the documented fields', async () => {
		const listItem = (await call('/v1/leads?limit=1')).body.leads[0];
		expect(Object.keys(listItem).sort()).toEqual(
			[
				'id', 'firstName', 'lastName', 'email', 'phone', 'suburb', 'businessName', 'socials', 'status', 'createdAt',
				'read', 'lastInquiryId', 'lastInquiryDate', 'unreadEmails', 'unreadCalls', 'unreadChatbotThreads',
				'unreadSMS', 'unreadWebformSubmissions', 'hasFlaggedInquiry',
			].sort(),
		);
		const detail = (await call(`/v1/leads/${listItem.id}`)).body;
		expect(detail).toMatchObject({ ...listItem, defaultLeadAddress: { address: expect.any(Object) } });
		expect(detail.tags[0]).toEqual({ name: expect.any(String), description: expect.any(String) });
		expect(Object.keys(detail.lastInquiry).sort()).toEqual(['id', 'isFirstInquiry', 'isRead', 'source', 'summary', 'tag']);
	});

	test('create, update and delete are real and write activities', async () => {
		const created = await call('/v1/leads', { method: 'POST', body: JSON.stringify({ firstName: 'Jo', suburb: 'Manly' }) });
		expect(created.status).toBe(201);
		const id = created.body.lead.id;
		expect(created.body.lead).toMatchObject({ firstName: 'Jo', suburb: 'Manly', status: 'active' });

		const updated = await call(`/v1/leads/${id}`, { method: 'PUT', body: JSON.stringify({ lastName: 'Bloggs', socials: { instagram: '@jo' } }) });
		expect(updated.body.lead).toMatchObject({ firstName: 'Jo', lastName: 'Bloggs', socials: { instagram: '@jo' } });
		expect((await call(`/v1/leads/${id}`)).body.lastName).toBe('Bloggs');

		expect(await call(`/v1/leads/${id}`, { method: 'DELETE' })).toMatchObject({
			status: 200,
			body: { message: 'Lead deleted successfully' },
		});
		expect((await call(`/v1/leads/${id}`)).status).toBe(404);
		expect((await call(`/v1/leads/${id}/activities`)).status).toBe(404);
		const events = env.sandbox.store.listActivities(id).map((activity) => activity.event);
		expect(events).toEqual(['LEAD_DELETED', 'LEAD_UPDATED', 'LEAD_CREATED']);
	});

	test('a duplicate email or phone is 409 Conflict', async () => {
		const [first, second] = env.sandbox.store.listLeads('org_acme');
		const clash = await call(`/v1/leads/${second.id}`, { method: 'PUT', body: JSON.stringify({ email: first.email }) });
		expect(clash).toMatchObject({ status: 409, body: envelope(409, 'Conflict') });
		const duplicate = await call('/v1/leads', { method: 'POST', body: JSON.stringify({ firstName: 'Al', phone: first.phone }) });
		expect(duplicate.status).toBe(409);
	});

	test('the busy lead has more than 10 pages of activities, newest first', async () => {
		const { busyLeadId, busyLeadActivityCount } = env.sandbox.seed;
		const page = await call(`/v1/leads/${busyLeadId}/activities?limit=100`);
		expect(page.body).toMatchObject({ totalCount: busyLeadActivityCount, totalPages: 13 });
		expect(busyLeadActivityCount).toBeGreaterThanOrEqual(1000);
		const ids = page.body.activities.map((activity: { id: number }) => activity.id);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		expect(Object.keys(page.body.activities[0]).sort()).toEqual(['createdAt', 'data', 'event', 'id', 'leadId', 'referenceId', 'userId']);
	});
});

describe('sandbox: test controls', () => {
	test('the request log records /v1 calls with the organization, never the token', async () => {
		await call('/v1/leads?limit=2');
		await call('/v1/members', { token: 'sk_test_nobody' });
		const log = env.sandbox.requests();
		expect(log.map(({ method, path, orgId, status }) => ({ method, path, orgId, status }))).toEqual([
			{ method: 'GET', path: '/v1/leads', orgId: 'org_acme', status: 200 },
			{ method: 'GET', path: '/v1/members', orgId: null, status: 401 },
		]);
		expect(JSON.stringify(log)).not.toContain(env.sandbox.seed.organizations.acme.token);
	});

	test('the rate limit answers 429 with Retry-After once a token used its window', async () => {
		env.sandbox.setRateLimit({ limit: 3, windowMs: 60_000 });
		for (let n = 0; n < 3; n++) expect((await call('/v1/organization')).status).toBe(200);
		const limited = await call('/v1/organization');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		// Another organization's token has its own budget.
		expect((await call('/v1/organization', { token: env.sandbox.seed.organizations.globex.token })).status).toBe(200);
	});

	test('faults replace matching responses a given number of times', async () => {
		env.sandbox.addFault({ path: '^/v1/organization', status: 503, body: '<html>down</html>', contentType: 'text/html', times: 1 });
		const faulty = await fetch(`${env.sandbox.url}/v1/organization`);
		expect(faulty.status).toBe(503);
		expect(await faulty.text()).toBe('<html>down</html>');
		expect((await call('/v1/organization')).status).toBe(200);
	});

	test('reset restores the seed', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		await call(`/v1/leads/${lead.id}`, { method: 'DELETE' });
		const reset = await fetch(`${env.sandbox.url}/__sandbox/reset`, { method: 'POST' });
		expect(reset.status).toBe(200);
		expect((await call(`/v1/leads/${lead.id}`)).status).toBe(200);
		expect(env.sandbox.requests()).toHaveLength(1);
	});
});

describe('sandbox: webhooks host', () => {
	const zapier = (action: string, query = 'org_id=org_acme&user_id=usr_acme1') =>
		`${env.sandbox.webhooksUrl}/api/webhooks/zapier/${action}${query ? `?${query}` : ''}`;

	async function hookCall(url: string, init: RequestInit & { token?: string | null } = {}) {
		const token = init.token === undefined ? env.sandbox.seed.organizations.acme.token : init.token;
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (token) headers.Authorization = `Bearer ${token}`;
		const response = await fetch(url, { ...init, headers });
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	}

	test('is a separate host: the /v1 API is not there, nor the hooks on the API host', async () => {
		expect((await hookCall(`${env.sandbox.webhooksUrl}/v1/leads`)).status).toBe(404);
		expect((await call('/api/webhooks/zapier/leads?org_id=org_acme&user_id=usr_acme1')).status).toBe(404);
	});

	test('subscribe returns a numeric id; unsubscribe by hookId answers { success: true }', async () => {
		const hook = { hookUrl: 'http://127.0.0.1:9/hook', trigger: 'LEAD_CREATED' };
		const subscribed = await hookCall(zapier('subscribe'), { method: 'POST', body: JSON.stringify(hook) });
		expect(subscribed).toEqual({ status: 200, body: { id: expect.any(Number) } });
		expect(env.sandbox.webhooks.list()).toEqual([expect.objectContaining({ ...hook, orgId: 'org_acme', userId: 'usr_acme1' })]);

		const body = JSON.stringify({ hookId: subscribed.body.id });
		expect(await hookCall(zapier('unsubscribe'), { method: 'DELETE', body })).toEqual({ status: 200, body: { success: true } });
		expect(await hookCall(zapier('unsubscribe'), { method: 'DELETE', body })).toMatchObject({ status: 404 });
	});

	test('unsubscribe also takes hookUrl + trigger without query, as the overview example does', async () => {
		const hook = { hookUrl: 'http://127.0.0.1:9/other', trigger: 'LEAD_DELETED' };
		await hookCall(zapier('subscribe'), { method: 'POST', body: JSON.stringify(hook) });
		expect(await hookCall(zapier('unsubscribe', ''), { method: 'DELETE', body: JSON.stringify(hook) })).toEqual({
			status: 200,
			body: { success: true },
		});
		expect(env.sandbox.webhooks.list()).toEqual([]);
	});

	test('uses its own error words; org_id and user_id must match the token', async () => {
		expect(await hookCall(zapier('leads'), { token: 'sk_test_nobody' })).toEqual({
			status: 401,
			body: envelope(401, 'invalid_token'),
		});
		const hook = JSON.stringify({ hookUrl: 'http://127.0.0.1:9/h', trigger: 'LEAD_CREATED' });
		for (const query of ['', 'org_id=org_acme', 'org_id=org_globex&user_id=usr_acme1', 'org_id=org_acme&user_id=usr_globex1']) {
			expect((await hookCall(zapier('subscribe', query), { method: 'POST', body: hook })).status).toBe(400);
		}
		for (const bad of [{ hookUrl: 'not a url', trigger: 'LEAD_CREATED' }, { hookUrl: 'http://127.0.0.1:9/h', trigger: 'lead created' }]) {
			expect((await hookCall(zapier('subscribe'), { method: 'POST', body: JSON.stringify(bad) })).status).toBe(400);
		}
		env.sandbox.addFault({ path: '/subscribe', status: 500, times: 1 });
		expect(await hookCall(zapier('subscribe'), { method: 'POST', body: hook })).toEqual({
			status: 500,
			body: envelope(500, 'Oops! Something went wrong'),
		});
	});

	test('sample endpoints return bare arrays of the 5 most recent items; appointments as documented', async () => {
		const leads = (await hookCall(zapier('leads'))).body;
		expect(leads.map((lead: { id: string }) => lead.id)).toEqual(env.sandbox.store.listLeads('org_acme').slice(0, 5).map((lead) => lead.id));
		const appointments = (await hookCall(zapier('appointments'))).body;
		expect(appointments).toHaveLength(5);
		expect(Object.keys(appointments[0]).sort()).toEqual(
			['id', 'originalId', 'title', 'description', 'attendees', 'start', 'end', 'leadId', 'leadAddressId', 'formattedLeadAddress', 'leadName', 'leadDetails', 'summary', 'status', 'createdAt', 'updatedAt'].sort(),
		);
		expect(appointments[0].id).toBe(`${appointments[0].originalId} - ${appointments[0].createdAt}`);
		expect(typeof appointments[0].attendees).toBe('string');
		expect((await hookCall(zapier('inquiries'))).body).toHaveLength(5);
	});

	test('delivers events to matching hooks, retrying a failing receiver with backoff, same envelope id', async () => {
		const received: { status: number; body: { id: string; event: string; data: { id: string } } }[] = [];
		const answers = [500, 503, 200];
		const receiver = (await import('node:http')).createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				const status = answers[received.length] ?? 200;
				received.push({ status, body: JSON.parse(text) });
				res.writeHead(status).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const { port } = receiver.address() as { port: number };
		try {
			const hookUrl = `http://127.0.0.1:${port}/hook?secret=abc`;
			await hookCall(zapier('subscribe'), { method: 'POST', body: JSON.stringify({ hookUrl, trigger: 'LEAD_CREATED' }) });
			await hookCall(zapier('subscribe'), { method: 'POST', body: JSON.stringify({ hookUrl, trigger: 'LEAD_DELETED' }) });
			const started = Date.now();
			const created = await fetch(`${env.sandbox.url}/__sandbox/events`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ event: 'LEAD_CREATED' }),
			});
			const { data } = (await created.json()) as { data: { id: string } };
			await env.sandbox.webhooks.settled();

			expect(received.map((delivery) => delivery.status)).toEqual([500, 503, 200]);
			expect(new Set(received.map((delivery) => delivery.body.id)).size).toBe(1);
			expect(received[0].body).toMatchObject({ event: 'LEAD_CREATED', data: { id: data.id }, createdAt: expect.any(String) });
			// Backoff of 250 ms, then 500 ms.
			expect(Date.now() - started).toBeGreaterThanOrEqual(700);
			const [delivery] = env.sandbox.webhooks.deliveries;
			expect(delivery).toMatchObject({ event: 'LEAD_CREATED', delivered: true, hookUrl: `http://127.0.0.1:${port}/hook?secret=***` });
			expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
		} finally {
			receiver.closeAllConnections();
			await new Promise((resolve) => receiver.close(resolve));
		}
	});

	test('events on demand: every emitted event, for any organization', async () => {
		for (const event of ['LEAD_CREATED', 'LEAD_UPDATED', 'LEAD_DELETED', 'INQUIRY_CREATED', 'APPOINTMENT_CREATED']) {
			const response = await fetch(`${env.sandbox.url}/__sandbox/events`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ event, orgId: 'org_globex' }),
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ event, data: { id: expect.any(String) } });
		}
		const unknown = await fetch(`${env.sandbox.url}/__sandbox/events`, { method: 'POST', body: JSON.stringify({ event: 'NOPE' }) });
		expect(unknown.status).toBe(400);
	});
});
