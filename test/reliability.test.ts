/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../sandbox/server';
import { runListSearch, runSophiieNode, testCredential } from '../scripts/harness/n8n-core';
import { byId, leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';
import { TriggerHarness } from './harness/trigger';

/**
 * The fault matrix: every fault a real Sophiie or network can produce, once,
 * against every operation. Each cell asserts the exact outcome (the same result
 * as without the fault, or the expected error) and that no item is lost or
 * duplicated. The run ends by printing the matrix.
 */
const env = useSandbox();

/** Short timeouts keep the timeout cells quick (the fault delays past them), yet leave room for a 1 s Retry-After. */
const TIMEOUT_SECONDS = 2;
const options = { timeout: TIMEOUT_SECONDS };

type Kind =
	| '401' | '403' | '404' | '409' | '429 Retry-After' | '429' | '500' | '502' | '503' | '504'
	| 'timeout' | 'reset' | 'malformed JSON' | 'HTML body' | 'empty body';

const KINDS: Kind[] = [
	'401', '403', '404', '409', '429 Retry-After', '429', '500', '502', '503', '504',
	'timeout', 'reset', 'malformed JSON', 'HTML body', 'empty body',
];

function envelope(status: number, message: string) {
	return JSON.stringify({ success: false, message, error: { status, message } });
}

const API_MESSAGES: Record<string, string> = {
	401: 'Invalid or expired token', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
	429: 'Too many requests', 500: 'Internal server error', 502: 'Bad gateway', 503: 'Service unavailable', 504: 'Gateway timeout',
};
const WEBHOOKS_MESSAGES: Record<string, string> = { ...API_MESSAGES, 401: 'invalid_token', 500: 'Oops! Something went wrong' };

/** The fault, applied to the first request matching `path` (after `after` others). */
function faultFor(kind: Kind, path: string, host: 'api' | 'webhooks', method?: string, after = 0): Fault {
	const messages = host === 'api' ? API_MESSAGES : WEBHOOKS_MESSAGES;
	const base = { path, method, after, times: 1 };
	switch (kind) {
		case '429 Retry-After':
			return { ...base, status: 429, body: envelope(429, messages[429]), headers: { 'Retry-After': '1' } };
		case 'timeout':
			return { ...base, delayMs: TIMEOUT_SECONDS * 1000 + 500, status: 200, body: '{}' };
		case 'reset':
			return { ...base, reset: true };
		case 'malformed JSON':
			return { ...base, status: 200, body: '{"id": "ld_1", "firstName": ' };
		case 'HTML body':
			return { ...base, status: 200, body: '<html><body>Maintenance</body></html>', contentType: 'text/html' };
		case 'empty body':
			return { ...base, status: 200, body: '' };
		default: {
			const status = Number(kind);
			return { ...base, status, body: envelope(status, messages[status]) };
		}
	}
}

const RETRIED_FOR_EVERY_METHOD: Kind[] = ['429 Retry-After', '429'];
// A timeout is never retried: it spends the whole Timeout, which bounds the request, retries included.
const RETRIED_WHEN_IDEMPOTENT: Kind[] = ['502', '503', '504', 'reset'];

/** The error text a fault ends in when it is not retried (or retrying does not apply). */
function expectedError(kind: Kind, host: 'api' | 'webhooks', { subject, endpoint }: { subject?: string; endpoint?: string }): string {
	const hostName = host === 'api' ? 'Sophiie' : "Sophiie's webhooks host";
	const messages = host === 'api' ? API_MESSAGES : WEBHOOKS_MESSAGES;
	const baseUrl = host === 'api' ? env.sandbox.url : env.sandbox.webhooksUrl;
	switch (kind) {
		case '401':
			return `Sophiie rejected the access token: "${messages[401]}" – check the Sophiie credential`;
		case '403':
			return 'Sophiie refused access: "Forbidden" (HTTP 403)';
		case '404':
			return subject
				? `${subject} not found`
				: `Sophiie has no ${endpoint}: "Not found" – check the credential's environment and base URL`;
		case '409':
			return 'Sophiie reported a conflict: "Conflict" (HTTP 409)';
		case 'timeout':
			return `Could not reach ${hostName} at ${baseUrl}: the request timed out at the ${TIMEOUT_SECONDS} s Timeout`;
		case 'reset':
			return `Could not reach ${hostName} at ${baseUrl}: the connection was closed unexpectedly`;
		case 'malformed JSON':
			return `Unexpected response from ${hostName} (HTTP 200): expected a JSON object, got 28 characters of application/json: "{\\"id\\": \\"ld_1\\", \\"firstName\\": "`;
		case 'HTML body':
			return `Unexpected response from ${hostName} (HTTP 200): expected a JSON object, got 37 characters of text/html: "<html><body>Maintenance</body></html>"`;
		case 'empty body':
			return `Unexpected response from ${hostName} (HTTP 200): expected a JSON object, got an empty body (application/json)`;
		default:
			return `Sophiie server error (HTTP ${kind}): "${messages[Number(kind)]}"`;
	}
}

const recovers = (kind: Kind, idempotent: boolean) =>
	RETRIED_FOR_EVERY_METHOD.includes(kind) || (idempotent && RETRIED_WHEN_IDEMPOTENT.includes(kind));

interface Operation {
	name: string;
	/** Runs the operation with the fault in place and asserts the exact outcome. */
	check(kind: Kind): Promise<void>;
}

const leads = () => env.sandbox.store.listLeads('org_acme');
const requestsTo = (pattern: RegExp) => env.sandbox.requests().filter((request) => pattern.test(request.path));

/**
 * An operation over three input items with Continue On Fail; the fault hits
 * the first item's request (`path` of its `key`). Each cell asserts pairing,
 * the exact outcome of every item, and `afterwards` what Sophiie holds or was
 * sent, so that nothing is lost or done twice.
 */
function itemsOperation(spec: {
	name: string;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	keys: () => Array<string | number>;
	path: (key: string | number) => string;
	parameters: IDataObject;
	expectedJson: (key: string | number) => IDataObject;
	subject?: (key: string | number) => string;
	endpoint?: string;
	afterwards: (keys: Array<string | number>, recovered: boolean) => void;
}): Operation {
	return {
		name: spec.name,
		async check(kind) {
			const keys = spec.keys();
			env.sandbox.addFault(faultFor(kind, spec.path(keys[0]), 'api', spec.method));
			const { items, error } = await runSophiieNode({
				credentials: env.credentials,
				continueOnFail: true,
				items: keys.map((key) => ({ key })),
				parameters: { ...spec.parameters, options },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			const [first, ...rest] = items.map((item) => item.json);
			expect(rest).toEqual(keys.slice(1).map((key) => expect.objectContaining(spec.expectedJson(key))));
			const recovered = recovers(kind, spec.method !== 'POST');
			if (recovered) expect(first).toEqual(expect.objectContaining(spec.expectedJson(keys[0])));
			else expect(first).toEqual({ error: expectedError(kind, 'api', { subject: spec.subject?.(keys[0]), endpoint: spec.endpoint }) });
			spec.afterwards(keys, recovered);
		},
	};
}

/** A Lead operation on leads 40–42; a recovered first item took exactly two requests. */
function leadOperation(
	name: string,
	method: 'GET' | 'PUT' | 'DELETE',
	parameters: (leadId: string) => IDataObject,
	expectedJson: (lead: ReturnType<typeof leads>[number]) => IDataObject,
): Operation {
	// The leads as they were before the run (a delete removes them).
	const chosen = new Map<string | number, ReturnType<typeof leads>[number]>();
	return itemsOperation({
		name,
		method,
		keys: () => {
			chosen.clear();
			for (const lead of leads().slice(40, 43)) chosen.set(lead.id, { ...lead });
			return [...chosen.keys()];
		},
		path: (id) => `^/v1/leads/${id}$`,
		parameters: parameters('={{ $json.key }}'),
		expectedJson: (id) => expectedJson(chosen.get(id)!),
		subject: (id) => `Lead ${id}`,
		afterwards: (keys, recovered) => {
			if (recovered) expect(requestsTo(new RegExp(`^/v1/leads/${keys[0]}$`))).toHaveLength(2);
		},
	});
}

/** What Sophiie holds of the three afterwards: all three done when the first recovered, two when it failed. */
const holds =
	(count: (keys: Array<string | number>) => number, { removed = false } = {}) =>
	(keys: Array<string | number>, recovered: boolean) => {
		const done = recovered ? 3 : 2;
		expect(count(keys)).toBe(removed ? 3 - done : done);
	};

const knowledge = () => env.sandbox.store.records.get('org_acme')!.knowledge;
const PHONES = ['+61400000001', '+61400000002', '+61400000003'];

const twoEventTrigger = () =>
	new TriggerHarness(env.credentials, { events: ['LEAD_CREATED', 'LEAD_UPDATED'], userId: 'usr_acme1', options });

const operations: Operation[] = [
	leadOperation('get', 'GET', (id) => leadParameters('get', id, { simplify: true }), (lead) => ({ id: lead.id, email: lead.email })),
	leadOperation(
		'update',
		'PUT',
		(id) => leadParameters('update', id, { updateFields: { suburb: 'Manly' } }),
		(lead) => ({ id: lead.id, suburb: 'Manly' }),
	),
	leadOperation('delete', 'DELETE', (id) => leadParameters('delete', id), (lead) => ({ deleted: true, id: lead.id })),
	itemsOperation({
		name: 'scenario update',
		method: 'PUT',
		keys: () => knowledge().scenarios.list().map((scenario) => scenario.id),
		path: (id) => `^/v1/scenarios/${id}$`,
		parameters: { resource: 'scenario', operation: 'update', scenarioId: byId('={{ $json.key }}'), updateFields: { response: 'Changed' } },
		expectedJson: (id) => ({ id, response: 'Changed' }),
		subject: (id) => `Scenario ${id}`,
		afterwards: holds(() => knowledge().scenarios.list().filter((scenario) => scenario.response === 'Changed').length),
	}),
	itemsOperation({
		name: 'FAQ delete',
		method: 'DELETE',
		keys: () => knowledge().faqs.list().slice(0, 3).map((faq) => faq.id),
		path: (id) => `^/v1/faqs/${id}$`,
		parameters: { resource: 'faq', operation: 'delete', faqId: byId('={{ $json.key }}') },
		expectedJson: (id) => ({ deleted: true, id }),
		subject: (id) => `FAQ ${id}`,
		afterwards: holds((ids) => knowledge().faqs.list().filter((faq) => ids.includes(faq.id)).length, { removed: true }),
	}),
	itemsOperation({
		name: 'call',
		method: 'POST',
		keys: () => PHONES,
		path: () => '^/v1/calls$',
		parameters: { resource: 'call', operation: 'create', name: 'Jane', phoneNumber: '={{ $json.key }}', mode: 'normal' },
		expectedJson: () => ({ message: 'Call initiated successfully' }),
		endpoint: 'POST /v1/calls',
		afterwards: holds(() => env.sandbox.store.records.get('org_acme')!.calls.length),
	}),
	{
		name: 'list activities',
		async check(kind) {
			const { busyLeadId } = env.sandbox.seed;
			const expected = env.sandbox.store.listActivities(busyLeadId).map((activity) => activity.id);
			env.sandbox.addFault(faultFor(kind, `/activities\\?page=2&`, 'api', 'GET'));
			const { items, error } = await runSophiieNode({
				credentials: env.credentials,
				parameters: leadParameters('listActivities', busyLeadId, { returnAll: true, options }),
			});
			if (recovers(kind, true)) {
				expect(error).toBeUndefined();
				expect(items.map((item) => item.json.id)).toEqual(expected);
			} else {
				expect(items).toEqual([]);
				expect(error?.message).toBe(expectedError(kind, 'api', { subject: `Lead ${busyLeadId}` }));
			}
		},
	},
	{
		name: 'list search',
		async check(kind) {
			const expected = leads().slice(0, 100).map((lead) => lead.id);
			env.sandbox.addFault(faultFor(kind, '^/v1/leads\\?', 'api', 'GET'));
			const search = runListSearch('searchLeads', env.credentials, undefined, undefined, { options });
			if (recovers(kind, true)) {
				expect((await search).results.map((result) => result.value)).toEqual(expected);
			} else {
				await expect(search).rejects.toThrow(expectedError(kind, 'api', { endpoint: 'GET /v1/leads' }));
			}
		},
	},
	{
		name: 'credential test',
		async check(kind) {
			env.sandbox.addFault(faultFor(kind, '^/v1/organization', 'api', 'GET'));
			const result = await testCredential(env.credentials);
			// n8n's credential tester, not this package, sends this request: no
			// retries, any 2xx is OK, a rule supplies the text for 401 and 404.
			const expected: Record<string, { status: string; message: string | RegExp }> = {
				401: { status: 'Error', message: /Invalid or expired token/ },
				404: { status: 'Error', message: /No Sophiie API answered at this base URL/ },
				reset: { status: 'Error', message: /.+/ },
			};
			const outcome = expected[kind] ?? (Number(kind.slice(0, 3)) >= 400 ? { status: 'Error', message: /.+/ } : { status: 'OK', message: 'Connection tested successfully' });
			expect(result.status).toBe(outcome.status);
			expect(result.message).toMatch(outcome.message);
		},
	},
	{
		name: 'trigger subscribe',
		async check(kind) {
			const trigger = twoEventTrigger();
			// The second event's subscribe fails: the first must not be left behind.
			env.sandbox.addFault(faultFor(kind, '/subscribe', 'webhooks', 'POST', 1));
			const activation = trigger.activate();
			if (recovers(kind, false)) {
				await activation;
				expect(env.sandbox.webhooks.list().map((hook) => hook.trigger)).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
			} else {
				await expect(activation).rejects.toThrow(
					`Could not subscribe to Sophiie event LEAD_UPDATED: ${expectedError(kind, 'webhooks', { endpoint: 'POST /api/webhooks/zapier/subscribe' })}`,
				);
				expect(env.sandbox.webhooks.list()).toEqual([]);
			}
		},
	},
	{
		name: 'trigger unsubscribe',
		async check(kind) {
			const trigger = twoEventTrigger();
			await trigger.activate();
			const [first] = env.sandbox.webhooks.list();
			env.sandbox.addFault(faultFor(kind, '/unsubscribe', 'webhooks', 'DELETE'));
			// A deactivation never fails on an unsubscribe (n8n would forget what it
			// could not remove): a hook Sophiie still has is saved as a leftover.
			expect(await trigger.deactivate()).toBe(true);
			// A 404 means Sophiie no longer has the hook: removed, as wanted.
			if (recovers(kind, true) || kind === '404') {
				expect(env.sandbox.webhooks.list().map((hook) => hook.id)).toEqual(kind === '404' ? [first.id] : []);
				expect(trigger.staticData.leftovers).toBeUndefined();
			} else {
				expect(env.sandbox.webhooks.list().map((hook) => hook.id)).toEqual([first.id]);
				expect(trigger.staticData.leftovers).toEqual([
					{ orgId: 'org_acme', userId: 'usr_acme1', hooks: [{ event: 'LEAD_CREATED', hookId: first.id }] },
				]);
				// Repaired by the next activation: exactly one hook per event.
				await trigger.activate();
				expect(env.sandbox.webhooks.list().map((hook) => hook.trigger).sort()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
				expect(trigger.staticData.leftovers).toBeUndefined();
			}
		},
	},
];

const results = new Map<string, boolean>();

describe('fault matrix', () => {
	const cells = operations.flatMap((operation) => KINDS.map((kind) => [operation.name, kind, operation] as const));

	test.each(cells)('%s × %s', async (name, kind, operation) => {
		results.set(`${name}|${kind}`, false);
		await operation.check(kind);
		results.set(`${name}|${kind}`, true);
	});

	afterAll(() => {
		const width = Math.max(...operations.map((operation) => operation.name.length));
		const header = `${''.padEnd(width)} | ${KINDS.map((kind) => kind.padEnd(4)).join(' | ')}`;
		const rows = operations.map(
			(operation) =>
				`${operation.name.padEnd(width)} | ${KINDS.map((kind) => (results.get(`${operation.name}|${kind}`) ? '✓' : '✗').padEnd(Math.max(4, kind.length))).join(' | ')}`,
		);
		const passed = [...results.values()].filter(Boolean).length;
		process.stderr.write(
			`\nFault matrix (✓ = exact outcome, nothing lost or duplicated)\n${header}\n${rows.join('\n')}\n` +
				`fault matrix: ${passed} of ${operations.length * KINDS.length} cells passed\n\n`,
		);
	});
});

describe('rate limits', () => {
	test('1,000 items through Get against a rate-limited Sophiie all succeed, in order and paired', async () => {
		const perSecond = 100;
		env.sandbox.setRateLimit({ limit: perSecond, windowMs: 1000 });
		const all = leads();
		const chosen = Array.from({ length: 1000 }, (_, index) => all[index % all.length]);
		const started = Date.now();
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			items: chosen.map((lead) => ({ leadId: lead.id })),
			parameters: leadParameters('get', '={{ $json.leadId }}', { simplify: true }),
		});
		const seconds = (Date.now() - started) / 1000;

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(chosen.map((lead) => lead.id));
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(chosen.map((_, index) => index));
		const requests = env.sandbox.requests();
		const limited = requests.filter((request) => request.status === 429).length;
		expect(limited).toBeGreaterThan(0);
		expect(requests.filter((request) => request.status === 200)).toHaveLength(1000);
		process.stderr.write(
			`\nRate limit ${perSecond} requests/s: 1,000 items in ${seconds.toFixed(1)} s ` +
				`(${(1000 / seconds).toFixed(0)} items/s, ${((1000 / seconds / perSecond) * 100).toFixed(0)}% of the ceiling), ` +
				`${requests.length} requests, ${limited} answered 429, 0 items failed\n\n`,
		);
	});

	test('a 429 that keeps coming gives up after a bounded number of attempts, saying so', async () => {
		env.sandbox.addFault({ path: '^/v1/leads/', status: 429, headers: { 'Retry-After': '0' } });
		const lead = leads()[0];
		const { error } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', lead.id) });
		expect(error?.message).toBe(`Sophiie's rate limit was reached: "Too many requests" (HTTP 429); gave up after 30 attempts`);
		expect(env.sandbox.requests()).toHaveLength(30);
	});

	test('Retry-After as an HTTP date is honoured', async () => {
		const lead = leads()[0];
		const retryAt = new Date(Date.now() + 1500).toUTCString();
		env.sandbox.addFault({ path: '^/v1/leads/', status: 429, headers: { 'Retry-After': retryAt }, times: 1 });
		const started = Date.now();
		const { items } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', lead.id) });
		expect(items[0].json.id).toBe(lead.id);
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
	});

	test('a POST is not repeated after a 503: it may have reached Sophiie', async () => {
		const trigger = new TriggerHarness(env.credentials, { events: ['LEAD_CREATED'], userId: 'usr_acme1' });
		env.sandbox.addFault({ method: 'POST', path: '/subscribe', status: 503, times: 1 });
		await expect(trigger.activate()).rejects.toThrow('Could not subscribe to Sophiie event LEAD_CREATED: Sophiie server error (HTTP 503)');
		expect(env.sandbox.requests().filter((request) => request.path.endsWith('/subscribe'))).toHaveLength(1);
	});
});

describe('pagination integrity', () => {
	const pageBody = (activities: unknown[], totalPages: number, currentPage: number) =>
		JSON.stringify({ activities, totalPages, currentPage, totalCount: 1234 });

	test('a totalPages that grows while reading is followed to the end', async () => {
		const { busyLeadId } = env.sandbox.seed;
		const all = env.sandbox.store.listActivities(busyLeadId);
		env.sandbox.addFault({ path: 'activities\\?page=1&', status: 200, body: pageBody(all.slice(0, 100), 2, 1), times: 1 });
		env.sandbox.addFault({ path: 'activities\\?page=2&', status: 200, body: pageBody(all.slice(100, 200), 3, 2), times: 1 });
		const { items } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: true }),
		});
		expect(items.map((item) => item.json.id)).toEqual(all.map((activity) => activity.id));
	});

	test('a server that repeats the same page stops with a clear error instead of looping', async () => {
		const { busyLeadId } = env.sandbox.seed;
		const firstPage = env.sandbox.store.listActivities(busyLeadId).slice(0, 100);
		env.sandbox.addFault({ path: 'activities\\?page=\\d+&', status: 200, body: pageBody(firstPage, 13, 1), after: 1 });
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: true }),
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Sophiie returned 3 pages in a row with nothing new (up to page 4 of 13 of /v1/leads/${busyLeadId}/activities)`,
		);
		// Pages 1–4 read in order, at most 4 more requested ahead.
		expect(env.sandbox.requests().length).toBeLessThanOrEqual(8);
	});
});
