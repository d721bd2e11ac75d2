/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { runSophiieNode } from '../scripts/harness/n8n-core';
import { byId, leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

/**
 * Requests Sophiie processed although the node never saw the answer (the
 * sandbox applies them, then drops the connection or answers too late), and
 * redirects, which must never carry the access token to another origin.
 */
const env = useSandbox();

const leads = () => env.sandbox.store.listLeads('org_acme');
const requestsTo = (method: string, pattern: RegExp) =>
	env.sandbox.requests().filter((request) => request.method === method && pattern.test(request.path));

describe('answers lost after Sophiie processed the request', () => {
	test('a Create whose connection drops after the lead was made says it may exist, and is not sent again', async () => {
		const before = leads().length;
		env.sandbox.addFault({ method: 'POST', path: '^/v1/leads$', processed: true, reset: true, times: 1 });
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'create', firstName: 'Lost', additionalFields: { email: 'lost.answer@example.com' } },
		});
		expect(error?.message).toBe(`Could not reach Sophiie at ${env.sandbox.url}: the connection was closed unexpectedly`);
		expect(error?.description).toBe(
			'Sophiie may have processed POST /v1/leads before the answer was lost, so it was not sent again. ' +
				'Check in Sophiie whether it happened (the lead exists, the SMS was sent, the webhook is subscribed) before running it again.',
		);
		expect(requestsTo('POST', /^\/v1\/leads$/)).toHaveLength(1);
		expect(leads()).toHaveLength(before + 1);
		expect(leads().filter((lead) => lead.email === 'lost.answer@example.com')).toHaveLength(1);
	});

	test('a Create answered after the Timeout says the same', async () => {
		env.sandbox.addFault({ method: 'POST', path: '^/v1/leads$', processed: true, delayMs: 1500, times: 1 });
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'create', firstName: 'Slow', options: { timeout: 1 } },
		});
		expect(error?.message).toBe(`Could not reach Sophiie at ${env.sandbox.url}: the request timed out at the 1 s Timeout`);
		expect(error?.description).toMatch(/^Sophiie may have processed POST \/v1\/leads before the answer was lost/);
		expect(requestsTo('POST', /^\/v1\/leads$/)).toHaveLength(1);
	});

	test('an SMS answered 500 may have been sent: the error says to check before sending again', async () => {
		env.sandbox.addFault({ method: 'POST', path: '^/v1/sms$', status: 500, times: 1 });
		const lead = leads().find((candidate) => candidate.phone)!;
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: { resource: 'sms', operation: 'send', leadId: byId(lead.id), userId: 'usr_acme1', message: 'Hello' },
		});
		expect(error?.message).toBe('Sophiie server error (HTTP 500): "Internal server error"');
		expect(error?.description).toMatch(/^Sophiie says "Internal server error" \(HTTP 500\)\. Sophiie may have processed POST \/v1\/sms/);
		expect(requestsTo('POST', /^\/v1\/sms$/)).toHaveLength(1);
	});

	test('a Delete whose answer was lost is retried; the 404 that follows counts as deleted', async () => {
		const [lead, other] = leads().slice(10, 12);
		env.sandbox.addFault({ method: 'DELETE', path: `^/v1/leads/${lead.id}$`, processed: true, reset: true, times: 1 });
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			items: [{ id: lead.id }, { id: other.id }],
			parameters: leadParameters('delete', '={{ $json.id }}'),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ deleted: true, id: lead.id },
			{ deleted: true, id: other.id },
		]);
		expect(requestsTo('DELETE', new RegExp(`^/v1/leads/${lead.id}$`)).map((request) => request.status)).toEqual([-1, 404]);
		expect(env.sandbox.store.findLead('org_acme', lead.id)).toBeUndefined();
	});

	test('a Delete of a lead that never existed is still not found', async () => {
		const { error } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('delete', 'ld_nosuchlead') });
		expect(error?.message).toBe('Lead ld_nosuchlead not found');
	});
});

describe('redirects', () => {
	/** Another origin, recording what reaches it. */
	async function elsewhere() {
		const seen: Array<{ path: string; authorization?: string }> = [];
		const server = http.createServer((req, res) => {
			seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
			res.setHeader('Content-Type', 'application/json');
			res.end('{"id":"ld_elsewhere"}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return { seen, origin, close: () => new Promise((resolve) => server.close(resolve)) };
	}

	test.each([301, 302, 307, 308])('a %i to another origin is not followed: the error names the origin, the key stays', async (status) => {
		const other = await elsewhere();
		try {
			const lead = leads()[0];
			env.sandbox.addFault({ path: `^/v1/leads/${lead.id}$`, status, headers: { Location: `${other.origin}/v1/leads/${lead.id}?k=1` }, body: '' });
			const { error } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', lead.id) });
			expect(error?.message).toBe(
				`Sophiie answered GET /v1/leads/${lead.id} with a redirect (HTTP ${status}) to ${other.origin}; it was not followed, so the access token was not sent there`,
			);
			expect(error?.description).toMatch(/^Sophiie documents no redirects\. Check the credential's Environment and Base URL/);
			expect(other.seen).toEqual([]);
			expect(requestsTo('GET', new RegExp(`^/v1/leads/${lead.id}$`))).toHaveLength(1);
		} finally {
			await other.close();
		}
	});

	test('a redirect on the same host is not followed either', async () => {
		const lead = leads()[0];
		env.sandbox.addFault({ path: `^/v1/leads/${lead.id}$`, status: 302, headers: { Location: '/v2/leads' }, body: '' });
		const { error } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', lead.id) });
		expect(error?.message).toMatch(/with a redirect \(HTTP 302\) to another path on the same host; it was not followed/);
	});
});
