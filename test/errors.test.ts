/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling, never published: the rules for node code do not apply */
import { freePort } from '../scripts/harness/ports';
import { capturedLogs } from './harness/leak-guard';
import { serialize } from '../scripts/harness/leak-record';
import type { RunResult } from '../scripts/harness/n8n-core';
import { runSophiieNode, sandboxCredentials } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

/** Everything n8n keeps of a run, errors with all their own properties included. */
function everythingRecorded(result: RunResult): string {
	return serialize(result.run) + serialize(result.error);
}

describe('API failures become NodeApiErrors a user can act on', () => {
	test('401: points at the credential and quotes Sophiie', async () => {
		const token = 'sk_test_expired_0123456789';
		const result = await runSophiieNode({
			credentials: sandboxCredentials(env.sandbox.url, token, env.sandbox.webhooksUrl),
			parameters: leadParameters('get', 'ld_abc123'),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Sophiie rejected the access token: "Invalid or expired token" – check the Sophiie credential',
		);
		expect(result.error?.httpCode).toBe('401');
		expect(everythingRecorded(result)).not.toContain(token);
	});

	test('404 names the lead; 409 says conflict (covered per operation too)', async () => {
		const result = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('delete', 'ld_gone') });
		expect(result.error?.message).toBe('Lead ld_gone not found');
	});

	test.each([500, 502, 503, 504])('%i: says it is a Sophiie server error, with the status', async (status) => {
		// Retry-After: 0 keeps the retries of 502/503/504 quick.
		env.sandbox.addFault({ path: '^/v1/leads/', status, headers: { 'Retry-After': '0' } });
		const result = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', 'ld_abc123'),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(new RegExp(`^Sophiie server error \\(HTTP ${status}\\)`));
		expect(result.error?.httpCode).toBe(String(status));
		expect(env.apiRequests()).toHaveLength(status === 500 ? 1 : 6);
	});

	test('500 quotes Sophiie’s envelope message', async () => {
		env.sandbox.addFault({ path: '^/v1/leads/', status: 500 });
		const result = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', 'ld_abc123') });
		expect(result.error?.message).toBe('Sophiie server error (HTTP 500): "Internal server error"');
	});

	test('an HTML error page is reported with its status, not as a parse failure', async () => {
		env.sandbox.addFault({
			path: '^/v1/leads/',
			status: 502,
			body: '<html><h1>Bad gateway</h1></html>',
			contentType: 'text/html',
			headers: { 'Retry-After': '0' },
		});
		const result = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', 'ld_abc123') });
		expect(result.error?.message).toBe('Sophiie server error (HTTP 502); gave up after 6 attempts');
		expect(result.error?.description).toContain('HTTP 502, with 33 characters of text/html: "<html><h1>Bad gateway</h1></html>"');
	});

	test('a list without its envelope is reported, never a TypeError', async () => {
		const { busyLeadId } = env.sandbox.seed;
		env.sandbox.addFault({ path: '/activities', status: 200, body: JSON.stringify({ items: [] }) });
		const result = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('listActivities', busyLeadId, { returnAll: true }),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Unexpected response from Sophiie: no "activities" list in the page');
	});

	test('an unreachable Sophiie is a clear error naming the base URL', async () => {
		const url = `http://127.0.0.1:${await freePort()}`;
		const result = await runSophiieNode({
			credentials: sandboxCredentials(url, env.sandbox.seed.organizations.acme.token, env.sandbox.webhooksUrl),
			parameters: leadParameters('get', 'ld_abc123'),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Could not reach Sophiie at ${url}: the connection was refused`);
		expect(result.error?.description).toContain('(ECONNREFUSED)');
	});

	test('the Timeout bounds a request, retries included: a hung Sophiie fails the item once, at the Timeout', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		env.sandbox.addFault({ method: 'GET', path: `^/v1/leads/${lead.id}$`, delayMs: 10_000, status: 200, body: '{}' });
		const started = Date.now();
		const result = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', lead.id, { options: { timeout: 2 } }),
		});
		const tookMs = Date.now() - started;
		expect(result.error?.message).toBe(`Could not reach Sophiie at ${env.sandbox.url}: the request timed out at the 2 s Timeout`);
		expect(tookMs).toBeGreaterThanOrEqual(1_900);
		expect(tookMs).toBeLessThan(4_000);
		expect(env.apiRequests()).toHaveLength(1);
	});

	test('a retry that would wait past the Timeout is not made', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		env.sandbox.addFault({ method: 'GET', path: `^/v1/leads/${lead.id}$`, status: 503, headers: { 'Retry-After': '5' }, times: 1 });
		const result = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', lead.id, { options: { timeout: 2 } }),
		});
		expect(result.error?.message).toBe(`Sophiie server error (HTTP 503): "Error" at the 2 s Timeout`);
		expect(env.apiRequests()).toHaveLength(1);
	});

	test('a rate limit is waited out whatever the Timeout: Sophiie asked for the wait', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		env.sandbox.addFault({ method: 'GET', path: `^/v1/leads/${lead.id}$`, status: 429, headers: { 'Retry-After': '3' }, times: 1 });
		const started = Date.now();
		const result = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', lead.id, { options: { timeout: 2 } }),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(lead.id);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
		expect(env.apiRequests().map((request) => request.status)).toEqual([429, 200]);
	});

	test('with Continue On Fail, an API error becomes an error item and the run goes on', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		env.sandbox.addFault({ path: '^/v1/leads/ld_flaky$', status: 500 });
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			continueOnFail: true,
			items: [{ id: 'ld_flaky' }, { id: lead.id }],
			parameters: leadParameters('delete', '={{ $json.id }}'),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ error: 'Sophiie server error (HTTP 500): "Internal server error"' },
			{ deleted: true, id: lead.id },
		]);
	});
});

describe("as an AI agent's tool", () => {
	test('a failing item becomes { error, details } without Continue On Fail, so the model reads what to change', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			asTool: true,
			items: [{ id: 'ld_missing1' }, { id: lead.id }],
			parameters: leadParameters('get', '={{ $json.id }}'),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				error: 'Lead ld_missing1 not found',
				details: 'Sophiie says "Not found" (HTTP 404). It may have been deleted, or belong to another Sophiie organization than the credential\'s.',
			},
			expect.objectContaining({ id: lead.id }),
		]);
	});

	test('the same node outside an agent still stops on the error', async () => {
		const { error } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', 'ld_missing1') });
		expect(error?.message).toBe('Lead ld_missing1 not found');
	});
});

describe('the token never leaks', () => {
	test('not in any error, output or log line, even when a server echoes it', async () => {
		const token = env.sandbox.seed.organizations.acme.token;
		env.sandbox.addFault({
			path: '^/v1/leads/',
			status: 500,
			body: JSON.stringify({ success: false, message: `bad header Bearer ${token}`, error: { status: 500, message: `bad header Bearer ${token}` } }),
		});
		const logsBefore = capturedLogs().length;
		const runs = [
			await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', 'ld_abc123') }),
			await runSophiieNode({ credentials: env.credentials, continueOnFail: true, parameters: leadParameters('delete', 'ld_abc123') }),
		];
		expect(runs[0].error?.message).toBe('Sophiie server error (HTTP 500): "bad header Bearer [redacted]"');
		expect(runs[0].error?.description).toContain('bad header Bearer [redacted]');
		expect(runs[1].items[0].json.error).toBe('Sophiie server error (HTTP 500): "bad header Bearer [redacted]"');
		for (const run of runs) expect(everythingRecorded(run)).not.toContain(token);

		env.sandbox.clearFaults();
		const wrongToken = `${token}_revoked`;
		const rejected = await runSophiieNode({
			credentials: sandboxCredentials(env.sandbox.url, wrongToken, env.sandbox.webhooksUrl),
			parameters: leadParameters('get', 'ld_abc123'),
		});
		expect(rejected.error?.httpCode).toBe('401');
		expect(everythingRecorded(rejected)).not.toContain(wrongToken);

		const newLogs = capturedLogs().slice(logsBefore).join('\n');
		expect(newLogs).toContain('[redacted]');
		expect(newLogs).not.toContain(token);
	});
});
