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
