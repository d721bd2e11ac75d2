/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { loadExamples } from '../../scripts/harness/examples';
import type { Harness } from '../../scripts/harness/n8n';
import { SANDBOX_CREDENTIAL_NAME, startHarness } from '../../scripts/harness/n8n';
import { selectedN8nVersion } from '../../scripts/harness/n8n-versions';
import { sophiiePollingTriggerNode, sophiieTriggerNode } from '../../scripts/harness/workflow-nodes';
import { attemptStatuses, refusedOrLost, workflowHelpers } from './workflows';
import { byId } from '../harness/params';

/**
 * The proof: the packed package, laid out like a Community Nodes install, in
 * real n8n (N8N_VERSION, else the newest tested; see scripts/n8n/), running
 * workflows against the sandbox. Every execution is read back through n8n's
 * public API.
 */

let harness: Harness;

beforeAll(async () => {
	// Sophiie's retries (undocumented) as a sender's usually are: spread over seconds, enough to outlast a re-activation.
	harness = await startHarness({ log: (line) => process.stderr.write(`${line}\n`), sandboxDelivery: { maxAttempts: 6, backoffMs: 500 } });
}, 20 * 60_000);

afterAll(async () => {
	await harness?.stop();
});

const {
	wait,
	until,
	executions,
	finishedExecutions,
	nodeOutput,
	sophiieCredential,
	webhookWorkflow,
	pollNow,
	activeLeadTrigger,
	hooksOf,
	deactivateAll,
	leadsDuringSlowActivation,
	workflowFromExample,
	repeatBeyondOneProcess,
} = workflowHelpers(() => harness);

afterEach(async () => {
	await deactivateAll();
});

const leadLocator = '={{ $json.body.leadId }}';

describe(`the package in real n8n ${selectedN8nVersion()}`, () => {
	test('both nodes load under the community package name', async () => {
		const { status, body } = await harness.editorGet<Array<{ name: string; displayName: string }>>('/types/nodes.json');
		expect(status).toBe(200);
		const names = body.map((type) => type.name);
		expect(names).toContain('n8n-nodes-sophiie.sophiie');
		expect(names).toContain('n8n-nodes-sophiie.sophiieTrigger');
		expect(names).toContain('n8n-nodes-sophiie.sophiiePollingTrigger');
	});

	test('the credential test says OK for the sandbox token and fails for a wrong one', async () => {
		// The editor's own credential test: n8n's public API has none before 2.x.
		const testCredential = async (id: string, name: string, accessToken: string) => {
			const { status, body } = await harness.editorPost<{ data: { status: string; message: string } }>(
				'/rest/credentials/test',
				{
					credentials: {
						id,
						name,
						type: 'sophiieApi',
						data: { accessToken, environment: 'custom', baseUrl: harness.sandbox.url, webhooksBaseUrl: harness.sandbox.webhooksUrl },
					},
				},
			);
			expect(status).toBe(200);
			return body.data;
		};
		const token = harness.sandbox.seed.organizations.acme.token;
		expect(await testCredential(harness.credentialId, SANDBOX_CREDENTIAL_NAME, token)).toMatchObject({ status: 'OK' });

		const wrong = await harness.editorPost<{ data: { id: string } }>('/rest/credentials', {
			name: 'Sophiie wrong token',
			type: 'sophiieApi',
			data: {
				accessToken: 'sk_test_revoked_key',
				environment: 'custom',
				baseUrl: harness.sandbox.url,
				webhooksBaseUrl: harness.sandbox.webhooksUrl,
			},
		});
		const failed = await testCredential(wrong.body.data.id, 'Sophiie wrong token', 'sk_test_revoked_key');
		expect(failed.status).toBe('Error');
		// n8n 1.123 does not apply a credential test's responseCode rules to a
		// 401: it shows its own generic message (README: Compatibility).
		expect(failed.message).toContain(
			harness.n8nVersion.startsWith('1.123.') ? 'Authorization failed - please check your credentials' : 'Invalid or expired token',
		);
	});
});

describe('Lead operations in real n8n', () => {
	test('Get returns the lead; Update changes it and Get shows the change; Delete makes Get fail with not found', async () => {
		const lead = harness.sandbox.store.listLeads('org_acme')[7];
		const get = await webhookWorkflow('e2e get', { resource: 'lead', operation: 'get', leadId: byId(leadLocator), simplify: true });
		const update = await webhookWorkflow('e2e update', {
			resource: 'lead',
			operation: 'update',
			leadId: byId(leadLocator),
			updateFields: { suburb: 'Paddington', phone: '+61400111222' },
		});
		const remove = await webhookWorkflow('e2e delete', { resource: 'lead', operation: 'delete', leadId: byId(leadLocator) });

		expect(await get.call({ leadId: lead.id })).toMatchObject({ status: 200, body: [{ id: lead.id, email: lead.email }] });
		expect(await update.call({ leadId: lead.id })).toMatchObject({
			status: 200,
			body: [{ id: lead.id, suburb: 'Paddington', phone: '+61400111222' }],
		});
		expect(await get.call({ leadId: lead.id })).toMatchObject({ body: [{ suburb: 'Paddington', phone: '+61400111222' }] });
		expect(await remove.call({ leadId: lead.id })).toMatchObject({ status: 200, body: [{ deleted: true, id: lead.id }] });
		const afterDelete = await get.call({ leadId: lead.id });
		expect(afterDelete.status).toBe(500);

		const gets = await finishedExecutions(get.workflowId, 3);
		expect(gets.map((execution) => execution.status)).toEqual(['success', 'success', 'error']);
		expect(nodeOutput(gets[0], 'Sophiie')).toEqual([expect.objectContaining({ id: lead.id, firstName: lead.firstName })]);
		expect(nodeOutput(gets[1], 'Sophiie')).toEqual([expect.objectContaining({ suburb: 'Paddington' })]);
		expect(gets[2].data?.resultData.error?.message).toBe(`Lead ${lead.id} not found`);

		const [updated] = await finishedExecutions(update.workflowId, 1);
		expect(updated.status).toBe('success');
		expect(nodeOutput(updated, 'Sophiie')).toEqual([expect.objectContaining({ id: lead.id, suburb: 'Paddington' })]);
		const [deleted] = await finishedExecutions(remove.workflowId, 1);
		expect(nodeOutput(deleted, 'Sophiie')).toEqual([{ deleted: true, id: lead.id }]);
		expect(harness.sandbox.store.findLead('org_acme', lead.id)).toBeUndefined();
	});

	test('a redirect is not followed (the other origin gets nothing); a Delete whose answer was lost still counts as deleted', async () => {
		const seen: string[] = [];
		const elsewhere = http.createServer((req, res) => {
			seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
			res.end('{}');
		});
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
		try {
			const origin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
			const [lead, doomed] = harness.sandbox.store.listLeads('org_acme').slice(30, 32);
			const get = await webhookWorkflow('e2e redirect', { resource: 'lead', operation: 'get', leadId: byId(leadLocator) });
			harness.sandbox.addFault({ path: `^/v1/leads/${lead.id}$`, status: 302, headers: { Location: `${origin}/v1/leads/${lead.id}` }, body: '', times: 1 });
			expect((await get.call({ leadId: lead.id })).status).toBe(500);
			const [redirected] = await finishedExecutions(get.workflowId, 1);
			expect(redirected.data?.resultData.error?.message).toBe(
				`Sophiie answered GET /v1/leads/${lead.id} with a redirect (HTTP 302) to ${origin}; it was not followed, so the access token was not sent there`,
			);
			expect(seen).toEqual([]);

			const remove = await webhookWorkflow('e2e delete lost answer', { resource: 'lead', operation: 'delete', leadId: byId(leadLocator) });
			harness.sandbox.addFault({ method: 'DELETE', path: `^/v1/leads/${doomed.id}$`, processed: true, reset: true, times: 1 });
			expect(await remove.call({ leadId: doomed.id })).toMatchObject({ status: 200, body: [{ deleted: true, id: doomed.id }] });
			const deletes = harness.sandbox.requests().filter((request) => request.method === 'DELETE' && request.path === `/v1/leads/${doomed.id}`);
			expect(deletes.map((request) => request.status)).toEqual([-1, 404]);
		} finally {
			await new Promise((resolve) => elsewhere.close(resolve));
		}
	});

	test('List Activities with Return All reads more than 10 pages, every activity once', async () => {
		const { busyLeadId } = harness.sandbox.seed;
		const list = await webhookWorkflow('e2e activities', {
			resource: 'lead',
			operation: 'listActivities',
			leadId: byId(leadLocator),
			returnAll: true,
		});
		harness.sandbox.clearRequests();
		const response = await list.call({ leadId: busyLeadId });
		expect(response.status).toBe(200);

		const expectedIds = harness.sandbox.store.listActivities(busyLeadId).map((activity) => activity.id);
		expect(expectedIds.length).toBeGreaterThan(1000);
		const [execution] = await finishedExecutions(list.workflowId, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Sophiie').map((activity) => activity.id)).toEqual(expectedIds);
		const pages = harness.sandbox.requests().filter((request) => request.path.endsWith('/activities'));
		expect(pages.length).toBeGreaterThan(10);
	});
});

describe('Sophiie Trigger in real n8n', () => {
	test('activate → one subscription per event → a new lead starts the workflow; a forgery does not; deactivate → none left', async () => {
		const events = ['LEAD_CREATED', 'LEAD_UPDATED'];
		const webhookId = randomUUID();
		const created = await harness.api<{ id: string }>('POST', '/workflows', {
			name: 'e2e trigger',
			settings: { executionOrder: 'v1' },
			nodes: [
				sophiieTriggerNode(webhookId, { events, customEvents: '', userId: 'usr_acme1' }, sophiieCredential()),
			],
			connections: {},
		});
		expect(created.status).toBe(200);
		const workflowId = created.body.id;

		expect((await harness.api('POST', `/workflows/${workflowId}/activate`)).status).toBe(200);
		const subscriptions = await until('one subscription per event', async () => {
			const live = harness.sandbox.webhooks.list();
			return live.length === events.length ? live : undefined;
		});
		expect(subscriptions.map((hook) => hook.trigger).sort()).toEqual(events);
		const hookUrl = new URL(subscriptions[0].hookUrl);
		expect(`${hookUrl.origin}${hookUrl.pathname}`).toBe(`${harness.n8nUrl}/webhook/${webhookId}/webhook`);

		const response = await fetch(`${harness.sandbox.url}/v1/leads`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${harness.sandbox.seed.organizations.acme.token}`,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ firstName: 'Noor', lastName: 'Haddad', email: 'noor.haddad@example.com', suburb: 'Fitzroy' }),
		});
		const { lead } = (await response.json()) as { lead: Record<string, unknown> };
		await harness.sandbox.webhooks.settled();
		expect(harness.sandbox.webhooks.deliveries.at(-1)).toMatchObject({ event: 'LEAD_CREATED', delivered: true });

		const [execution] = await finishedExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Sophiie Trigger')).toEqual([
			expect.objectContaining({ event: 'LEAD_CREATED', data: lead }),
		]);

		// Sophiie retrying a delivery (same envelope id), once after it was
		// started and three times at once: the workflow runs once.
		const { event, id, createdAt, data } = nodeOutput(execution, 'Sophiie Trigger')[0];
		const createdHook = subscriptions.find((hook) => hook.trigger === 'LEAD_CREATED')!;
		const send = async (body: unknown) => {
			const answer = await fetch(createdHook.hookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
			return { status: answer.status, body: (await answer.json()) as unknown };
		};
		expect(await send({ id, event, createdAt, data })).toEqual({ status: 200, body: { received: true, started: false, repeated: true } });
		const again = { id: 'evt_e2e_repeat', event, createdAt, data };
		const burst = await Promise.all([send(again), send(again), send(again)]);
		expect(burst.filter((answer) => answer.status === 200 && (answer.body as { started: boolean }).started)).toHaveLength(1);
		// A repeat that came while the first was being started was asked to come back: it comes back.
		for (const answer of burst.filter((candidate) => candidate.status === 503)) {
			expect(answer.body).toEqual({ message: 'The same delivery is being started; send it again later' });
			expect(await until('the repeat is answered', async () => {
				const retried = await send(again);
				return retried.status === 200 ? retried : undefined;
			})).toEqual({ status: 200, body: { received: true, started: false, repeated: true } });
		}
		const [, repeated] = await finishedExecutions(workflowId, 2);
		expect(nodeOutput(repeated, 'Sophiie Trigger')).toEqual([expect.objectContaining({ id: 'evt_e2e_repeat', event })]);

		const forged = new URL(subscriptions[0].hookUrl);
		forged.searchParams.set('secret', 'f'.repeat(64));
		const forgery = await fetch(forged, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ id: 'evt_forged', event: 'LEAD_CREATED', data: { id: 'ld_forged' } }),
		});
		expect(forgery.status).toBe(401);
		await wait(1500);
		expect(await executions(workflowId)).toHaveLength(2);
		expect(JSON.stringify(await harness.api('GET', `/workflows/${workflowId}`))).not.toContain(new URL(createdHook.hookUrl).searchParams.get('secret'));

		expect((await harness.api('POST', `/workflows/${workflowId}/deactivate`)).status).toBe(200);
		await until('no subscription left', async () => (harness.sandbox.webhooks.list().length === 0 ? true : undefined));
	});

	test('saving an active workflow during a burst (deactivate, then activate) loses and repeats nothing that was under way', async () => {
		const { workflowId, hook: oldHook } = await activeLeadTrigger('e2e trigger re-activation');

		// A burst of leads, sent by Sophiie a moment later (its queue is busy), while the
		// workflow is saved: n8n unsubscribes, stops routing the URL, then subscribes again.
		// The deliveries reach n8n while the webhook is being replaced, or after it, with the
		// old secret: each runs once.
		const deliveredBefore = harness.sandbox.webhooks.deliveries.length;
		harness.sandbox.webhooks.setQueueDelay(150);
		const fired = Array.from({ length: 30 }, () => (harness.sandbox.fireEvent('LEAD_CREATED', 'org_acme') as { id: string }).id);
		try {
			expect((await harness.api('POST', `/workflows/${workflowId}/deactivate`)).status).toBe(200);
			expect((await harness.api('POST', `/workflows/${workflowId}/activate`)).status).toBe(200);
			await harness.sandbox.webhooks.settled();
		} finally {
			harness.sandbox.webhooks.setQueueDelay(0);
		}
		const sent = harness.sandbox.webhooks.deliveries.slice(deliveredBefore);
		process.stderr.write(`re-activation during a burst: ${fired.length} leads, ${sent.length} deliveries, all sent with the secret of before, attempts answered ${attemptStatuses(sent)}\n`);
		// n8n answers 404 while it does not route the URL (Sophiie tries again); the trigger never refuses the secret.
		expect(refusedOrLost(sent)).toEqual([]);
		await finishedExecutions(workflowId, sent.length);
		await wait(1500);
		const all = await finishedExecutions(workflowId, sent.length);
		const started = all.map((execution) => (nodeOutput(execution, 'Sophiie Trigger')[0].data as { id: string }).id);
		expect([...started].sort()).toEqual([...fired].sort());
		// Every one was sent to the hook of before, with its secret: none was refused for good.
		expect(sent.every((delivery) => delivery.subscriptionId === oldHook.id)).toBe(true);
		expect(harness.sandbox.webhooks.list().map((hook) => hook.id)).not.toContain(oldHook.id);

		expect((await harness.api('POST', `/workflows/${workflowId}/deactivate`)).status).toBe(200);
		await until('no subscription left', async () => (harness.sandbox.webhooks.list().length === 0 ? true : undefined));
	});

	test('a workflow saved with the trigger of version 1 (before 1.1) still runs each new lead', async () => {
		const { workflowId } = await activeLeadTrigger('Sophiie Trigger, version 1', 1);
		const lead = harness.sandbox.fireEvent('LEAD_CREATED', 'org_acme') as { id: string };
		await harness.sandbox.webhooks.settled();
		const [execution] = await finishedExecutions(workflowId, 1);
		expect((nodeOutput(execution, 'Sophiie Trigger')[0].data as { id: string }).id).toBe(lead.id);
	});

	test('leads that come while n8n is still activating (Sophiie slow to answer the subscribe) each run the workflow once', async () => {
		const { fired, sent, started } = await leadsDuringSlowActivation('e2e trigger slow activation');
		process.stderr.write(`leads during activation: ${fired.length} leads, attempts answered ${attemptStatuses(sent)}\n`);
		expect(refusedOrLost(sent)).toEqual([]);
		expect([...started].sort()).toEqual([...fired].sort());
	});
});

describe('every other operation in real n8n', () => {
	test('each documented endpoint runs and returns what the sandbox holds', async () => {
		const { sandbox } = harness;
		const records = sandbox.store.records.get('org_acme')!;
		// A seeded lead (leads made by the earlier tests have no inquiry).
		const lead = sandbox.store.listLeads('org_acme').filter((candidate) => candidate.lastInquiryId !== '')[12];
		const [companyId, companyNotes] = [...records.companyNotes.entries()][0];
		const noteLead = sandbox.store.listLeads('org_acme').find((candidate) => sandbox.store.listNotes(candidate.id).length > 0)!;
		const cases: Array<[string, Record<string, unknown>, (output: Array<Record<string, unknown>>) => void]> = [
			['lead create', { resource: 'lead', operation: 'create', firstName: 'Eve', additionalFields: { suburb: 'Glebe', email: 'eve.e2e@example.com' } }, (out) => expect(out).toEqual([expect.objectContaining({ firstName: 'Eve', suburb: 'Glebe' })])],
			['lead get many', { resource: 'lead', operation: 'getAll', returnAll: true }, (out) => expect(out.length).toBe(sandbox.store.listLeads('org_acme').length)],
			['lead notes', { resource: 'lead', operation: 'listNotes', leadId: byId(noteLead.id), returnAll: true }, (out) => expect(out).toEqual(sandbox.store.listNotes(noteLead.id))],
			['inquiry get', { resource: 'inquiry', operation: 'get', inquiryId: lead.lastInquiryId }, (out) => expect(out).toEqual([expect.objectContaining({ id: lead.lastInquiryId, leadId: lead.id })])],
			['inquiry get many', { resource: 'inquiry', operation: 'getAll', returnAll: true, filters: { leadId: byId(lead.id), expand: 'lead' } }, (out) => expect(out).toEqual([expect.objectContaining({ leadId: lead.id, lead: expect.objectContaining({ id: lead.id }) })])],
			['appointments', { resource: 'appointment', operation: 'getAll', limit: 5 }, (out) => expect(out.map((item) => item.id)).toEqual(records.appointments.slice(0, 5).map((item) => item.id))],
			['members', { resource: 'member', operation: 'getAll', returnAll: true }, (out) => expect(out.map((item) => item.id)).toEqual(['usr_acme1', 'usr_acme2', 'usr_acme3'])],
			['organization', { resource: 'organization', operation: 'get' }, (out) => expect(out).toEqual([expect.objectContaining({ id: 'org_acme' })])],
			['organization members', { resource: 'organization', operation: 'getMembers', returnAll: true }, (out) => expect(out).toHaveLength(3)],
			['products', { resource: 'organization', operation: 'getProducts' }, (out) => expect(out.map((item) => item.name)).toEqual(['Rheem 315L electric', 'Rinnai Infinity 26', 'Mixer tap'])],
			['services', { resource: 'organization', operation: 'getServices' }, (out) => expect(out).toHaveLength(2)],
			['company notes', { resource: 'company', operation: 'listNotes', companyId, returnAll: true }, (out) => expect(out).toEqual(companyNotes)],
			['sms', { resource: 'sms', operation: 'send', userId: 'usr_acme2', leadId: byId(lead.id), message: 'See you Tuesday' }, (out) => expect(out).toEqual([{ message: 'Message sent successfully', leadId: lead.id, userId: 'usr_acme2' }])],
			// Phone numbers as forms send them: a local number and Phone Country Australia become E.164.
			['lead create, Australian phone', { resource: 'lead', operation: 'create', firstName: 'Oz', additionalFields: { phone: '0412 345 678', phoneCountry: 'AU' } }, (out) => expect(out).toEqual([expect.objectContaining({ firstName: 'Oz', phone: '+61412345678' })])],
			['call create, Australian phone', { resource: 'call', operation: 'create', name: 'Oz', phoneNumber: '0412 345 678', phoneCountry: 'AU', mode: 'normal' }, () => expect(records.calls.at(-1)).toMatchObject({ name: 'Oz', phoneNumber: '+61412345678' })],
		];
		for (const [name, parameters, check] of cases) {
			const flow = await webhookWorkflow(`e2e ${name}`, parameters);
			const response = await flow.call({});
			expect({ name, status: response.status }).toEqual({ name, status: 200 });
			const [execution] = await finishedExecutions(flow.workflowId, 1);
			expect({ name, status: execution.status }).toEqual({ name, status: 'success' });
			check(nodeOutput(execution, 'Sophiie'));
			await harness.api('POST', `/workflows/${flow.workflowId}/deactivate`);
		}
		expect(records.sms.map((sms) => sms.message)).toContain('See you Tuesday');
	});
});

describe('the Sophiie Polling Trigger in real n8n', () => {
	const ACME = 'org_acme';
	const newLeads = (count: number) =>
		Array.from({ length: count }, () => (harness.sandbox.fireEvent('LEAD_CREATED', ACME) as { id: string }).id);
	const polled = (execution: Parameters<typeof nodeOutput>[0]) => nodeOutput(execution, 'Sophiie Polling Trigger').map((item) => item.id);

	/** An active polling workflow whose schedule stays out of the test's way (polls come from pollNow). */
	async function pollingWorkflow(parameters: Record<string, unknown>) {
		const { status, body } = await harness.api<{ id: string }>('POST', '/workflows', {
			name: `Polling ${randomUUID()}`,
			settings: { executionOrder: 'v1' },
			nodes: [sophiiePollingTriggerNode(parameters, sophiieCredential())],
			connections: {},
		});
		expect(status).toBe(200);
		expect((await pollNow(body.id)).status).toBe(200);
		return body.id;
	}

	test('baseline at activation; then each new lead once, oldest first, across same-millisecond leads, a restart and a failed poll', async () => {
		const workflowId = await pollingWorkflow({ event: 'newLead' });
		expect(await executions(workflowId)).toEqual([]);

		const first = newLeads(2);
		harness.sandbox.freezeClock(true);
		const sameMillisecond = newLeads(2);
		harness.sandbox.freezeClock(false);
		expect((await pollNow(workflowId)).status).toBe(200);
		const [run] = await finishedExecutions(workflowId, 1);
		expect(run.status).toBe('success');
		expect(polled(run)).toEqual([...first, ...[...sameMillisecond].sort()]);
		expect(nodeOutput(run, 'Sophiie Polling Trigger')[0]).toMatchObject({ id: first[0], lastInquiry: expect.any(Object) });

		await harness.restartN8n!();
		expect((await pollNow(workflowId)).status).toBe(200);
		await wait(1000);
		expect(await executions(workflowId)).toHaveLength(1);

		// A poll that fails (here the list answers 500) emits nothing and moves nothing:
		// the next poll (n8n's own retry of the activation, or this one) emits the lead once.
		const [late] = newLeads(1);
		harness.sandbox.addFault({ method: 'GET', path: '^/v1/leads\\?', status: 500, times: 1 });
		const refused = await pollNow(workflowId);
		if (refused.status !== 200) expect(refused.body.message).toContain('Sophiie server error (HTTP 500)');
		const failed = () => harness.sandbox.requests().some((request) => request.path === '/v1/leads' && request.status === 500);
		await until('the failed poll', async () => (failed() ? true : undefined));
		expect((await pollNow(workflowId)).status).toBe(200);
		const [, caughtUp] = await finishedExecutions(workflowId, 2);
		await wait(1000);
		expect(await executions(workflowId)).toHaveLength(2);
		expect(polled(caughtUp)).toEqual([late]);

		// A lead whose Get keeps failing does not hold the trigger: it comes as listed.
		const [stubborn] = newLeads(1);
		harness.sandbox.addFault({ method: 'GET', path: `^/v1/leads/${stubborn}$`, status: 500 });
		expect((await pollNow(workflowId)).status).toBe(200);
		const [, , listedOnly] = await finishedExecutions(workflowId, 3);
		harness.sandbox.clearFaults();
		expect(polled(listedOnly)).toEqual([stubborn]);
		expect(nodeOutput(listedOnly, 'Sophiie Polling Trigger')[0].lastInquiry).toBeUndefined();
		await harness.api('POST', `/workflows/${workflowId}/deactivate`);
	});
});

describe('the example workflows in real n8n', () => {
	const createLead = (body: Record<string, unknown>) =>
		fetch(`${harness.sandbox.url}/v1/leads`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${harness.sandbox.seed.organizations.acme.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		}).then(async (response) => ((await response.json()) as { lead: Record<string, unknown> }).lead);

	/** Imports an example; a manual or schedule trigger is swapped for a webhook of the same name so it can be run. */
	async function importExample(file: string) {
		const example = loadExamples(harness.credentialId).find((candidate) => candidate.file === file)!;
		const path = `example-${randomUUID()}`;
		const nodes = example.nodes.map((node) =>
			/manualTrigger|scheduleTrigger/.test(node.type)
				? {
						...node,
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData', options: {} },
					}
				: node,
		);
		const { status, body } = await harness.api<{ id: string }>('POST', '/workflows', {
			name: example.name,
			nodes,
			connections: example.connections,
			settings: example.settings,
		});
		expect(status).toBe(200);
		expect((await harness.api('POST', `/workflows/${body.id}/activate`)).status).toBe(200);
		const run = () =>
			until('the example to answer', async () => {
				const response = await fetch(`${harness.n8nUrl}/webhook/${path}`, { method: 'POST' });
				return response.status === 404 ? undefined : response.status;
			});
		return { workflowId: body.id, run };
	}

	test('get, update, list activities and delete run as shipped', async () => {
		for (const [file, node] of [
			['get-lead.json', 'Get lead'],
			['update-lead.json', 'Update lead'],
			['list-activities.json', 'List activities'],
			['delete-lead.json', 'Delete lead'],
		]) {
			const example = await importExample(file);
			expect(await example.run()).toBe(200);
			const [execution] = await finishedExecutions(example.workflowId, 1);
			expect({ file, status: execution.status }).toEqual({ file, status: 'success' });
			expect(nodeOutput(execution, node).length).toBeGreaterThan(0);
			await harness.api('POST', `/workflows/${example.workflowId}/deactivate`);
		}
		expect(harness.sandbox.store.findLead('org_acme', 'ld_9wzujtr8')).toBeUndefined();
	});

	test('the nightly export writes every activity of every lead into one CSV file', async () => {
		const example = await importExample('nightly-activity-export.json');
		expect(await example.run()).toBe(200);
		const [execution] = await finishedExecutions(example.workflowId, 1, 60_000);
		expect(execution.status).toBe('success');
		const csv = execution.data?.resultData.runData['CSV file'][0].data?.main[0][0] as unknown as {
			binary: { data: { fileName: string; mimeType: string } };
		};
		expect(csv.binary.data).toMatchObject({ fileName: expect.stringMatching(/^sophiie-activities-\d{4}-\d{2}-\d{2}\.csv$/), mimeType: 'text/csv' });
		const activities = nodeOutput(execution, 'Their activities');
		const expected = harness.sandbox.store.listLeads('org_acme').reduce((sum, lead) => sum + harness.sandbox.store.listActivities(lead.id).length, 0);
		expect(activities).toHaveLength(expected);
		await harness.api('POST', `/workflows/${example.workflowId}/deactivate`);
	});

	test('without a public URL: the polling example texts each new lead that has a phone, once', async () => {
		const body = { id: (await workflowFromExample('polling-new-lead-text.json')).workflowId };
		expect((await pollNow(body.id)).status).toBe(200);
		const withPhone = await createLead({ firstName: 'Pia', lastName: 'Polling', phone: '+61400111222' });
		await createLead({ firstName: 'Noel', lastName: 'Nophone' });
		const sent = () => harness.sandbox.store.records.get('org_acme')!.sms.filter((sms) => sms.leadId === withPhone.id);
		expect((await pollNow(body.id)).status).toBe(200);
		const [execution] = await finishedExecutions(body.id, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Text the lead')).toEqual([
			{ message: 'Message sent successfully', leadId: withPhone.id, userId: 'usr_acme1' },
		]);
		expect(sent()).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Hi Pia, thanks/) })]);
		expect((await pollNow(body.id)).status).toBe(200);
		await wait(1000);
		expect(await executions(body.id)).toHaveLength(1);
		expect(sent()).toHaveLength(1);
		await harness.api('POST', `/workflows/${body.id}/deactivate`);
	});

	test('speed to lead without a public URL: Sophiie calls each new lead that has a phone, once', async () => {
		const body = { id: (await workflowFromExample('polling-new-lead-call.json')).workflowId };
		expect((await pollNow(body.id)).status).toBe(200);
		const calls = () => harness.sandbox.store.records.get('org_acme')!.calls;
		const before = calls().length;
		await createLead({ firstName: 'Cal', lastName: 'Caller', phone: '+61400333444', suburb: 'Bondi' });
		await createLead({ firstName: 'Noel', lastName: 'Nophone' });
		expect((await pollNow(body.id)).status).toBe(200);
		const [execution] = await finishedExecutions(body.id, 1);
		expect(execution.status).toBe('success');
		expect(calls().slice(before)).toEqual([
			expect.objectContaining({ name: 'Cal Caller', phoneNumber: '+61400333444', mode: 'normal', customInstructions: expect.stringContaining('from Bondi') }),
		]);
		expect(nodeOutput(execution, 'Call the lead')).toEqual([{ message: 'Call initiated successfully', callId: calls().at(-1)!.id }]);
		expect((await pollNow(body.id)).status).toBe(200);
		await wait(1000);
		expect(await executions(body.id)).toHaveLength(1);
		expect(calls()).toHaveLength(before + 1);
		await harness.api('POST', `/workflows/${body.id}/deactivate`);
	});

	test('FAQs kept in sync from a list: the same question is updated, a new one created, and a second run creates nothing', async () => {
		const faqs = () => harness.sandbox.store.records.get('org_acme')!.knowledge.faqs.list();
		const before = faqs();
		const example = await importExample('faq-sync.json');
		expect(await example.run()).toBe(200);
		const [first] = await finishedExecutions(example.workflowId, 1);
		expect(first.status).toBe('success');
		const outcomes = nodeOutput(first, 'Create or update FAQ').map((faq) => [faq.question, faq.outcome]);
		expect(outcomes).toEqual([
			['Do you work weekends?', 'updated'],
			['Do you do emergency call-outs?', 'created'],
			['How soon can you come?', 'created'],
		]);
		expect(faqs()).toHaveLength(before.length + 2);
		expect(faqs().find((faq) => faq.question === 'Do you work weekends?')?.answer).toMatch(/emergencies any day/);
		expect(await example.run()).toBe(200);
		const [, second] = await finishedExecutions(example.workflowId, 2);
		expect(nodeOutput(second, 'Create or update FAQ').map((faq) => faq.outcome)).toEqual(['updated', 'updated', 'updated']);
		expect(faqs()).toHaveLength(before.length + 2);
		await harness.api('POST', `/workflows/${example.workflowId}/deactivate`);
	});

	test('a repeat after n8n restarts: the trigger alone runs it again (it remembers per process), the once-across-processes example does not', async () => {
		const run = await repeatBeyondOneProcess(async (envelopeId) => {
			await harness.restartN8n!();
			// Sophiie's retry of the same delivery, to the same URL, now served by the restarted n8n.
			return await until('the restarted n8n to take the repeat', async () => {
				const statuses = await harness.sandbox.webhooks.sendAgain(envelopeId);
				return statuses.every((status) => status === 200) ? statuses : undefined;
			});
		});
		expect(run.repeated).toEqual([200, 200]);
		expect(run.executionsAfter).toEqual([2, 2]);
		// The documented limit, asserted so that a change is noticed: the trigger alone ran the repeat.
		expect(run.alone.map((execution) => (nodeOutput(execution, 'Sophiie Trigger')[0] as { id: string }).id)).toEqual([run.envelopeId, run.envelopeId]);
		// The recipe: both executions started, the next step ran for the first only.
		expect(run.nextSteps).toEqual([[{ leadId: expect.stringMatching(/^ld_/), deliveryId: run.envelopeId }]]);
		expect(run.example.every((execution) => execution.status === 'success')).toBe(true);
	});

	test('a new lead becomes a Slack message and, having a phone, gets an SMS', async () => {
		const slack = loadExamples(harness.credentialId).filter((example) => /slack|sms/.test(example.file));
		const ids: string[] = [];
		const webhookIds: string[] = [];
		for (const { name, nodes, connections, settings } of slack) {
			const { body } = await harness.api<{ id: string }>('POST', '/workflows', { name, nodes, connections, settings });
			expect((await harness.api('POST', `/workflows/${body.id}/activate`)).status).toBe(200);
			ids.push(body.id);
			webhookIds.push(String(nodes.find((node) => node.webhookId)?.webhookId));
		}
		// Subscribed, though n8n (2.x activates in the background) may not have saved the activations yet.
		await until('both examples subscribed', async () => (webhookIds.every((webhookId) => hooksOf(webhookId).length === 1) ? true : undefined));

		const deliveredBefore = harness.sandbox.webhooks.deliveries.length;
		const lead = await createLead({ firstName: 'Tama', lastName: 'Rewi', phone: '+64212223344', email: 'tama@example.com' });
		await harness.sandbox.webhooks.settled();
		const deliveries = harness.sandbox.webhooks.deliveries.slice(deliveredBefore);
		expect(refusedOrLost(deliveries)).toEqual([]);
		const [slackRun, smsRun] = await Promise.all(ids.map(async (id) => (await finishedExecutions(id, 1))[0]));
		expect(nodeOutput(slackRun, 'Slack message')).toEqual([
			{
				text: ':bell: *New lead:* Tama Rewi',
				leadId: lead.id,
				blocks: [
					{ type: 'section', text: { type: 'mrkdwn', text: '*Tama Rewi*\ntama@example.com · +64212223344' } },
					{ type: 'context', elements: [{ type: 'mrkdwn', text: `Sophiie lead ${String(lead.id)}` }] },
				],
			},
		]);
		expect(smsRun.status).toBe('success');
		const sms = harness.sandbox.store.records.get('org_acme')!.sms.find((candidate) => candidate.leadId === lead.id);
		expect(sms).toMatchObject({ userId: 'usr_acme1', message: "Hi Tama, thanks for getting in touch! We'll call you shortly to book a time." });

		for (const id of ids) await harness.api('POST', `/workflows/${id}/deactivate`);
		await until('no subscription left', async () => (harness.sandbox.webhooks.list().length === 0 ? true : undefined));
	});
});
