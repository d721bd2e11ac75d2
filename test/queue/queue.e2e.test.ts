/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';

import type { QueueHarness } from '../../scripts/harness/n8n-queue';
import { startQueueHarness } from '../../scripts/harness/n8n-queue';
import { sophiiePollingTriggerNode } from '../../scripts/harness/workflow-nodes';
import { activateAgentExample, converse, toolError, toolResults } from '../e2e/agent';
import { startScriptedModel } from '../harness/scripted-model';
import { attemptStatuses, refusedOrLost, workflowHelpers } from '../e2e/workflows';
import { byId } from '../harness/params';

/**
 * The package in n8n's queue mode, as teams scale n8n out: main (editor, API,
 * activation), two webhook processors (WEBHOOK_URL names the first, as a load
 * balancer's address would), two workers, Postgres and Redis, all on this machine. Production webhooks are called on the
 * webhook processor; executions must run on the workers.
 */

let harness: QueueHarness;

beforeAll(async () => {
	harness = await startQueueHarness({ log: (line) => process.stderr.write(`${line}\n`) });
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
	leadsDuringSlowActivation,
	repeatBeyondOneProcess,
	deactivateAll,
} = workflowHelpers(() => harness);
const log = (name: string) => fs.readFileSync(harness.logFiles[name], 'utf8');
const workerLogs = () => Object.keys(harness.logFiles).filter((name) => name.startsWith('worker')).map(log).join('\n');

/** The worker that ran an execution, from the workers' own logs. */
function workerOf(executionId: string): string | undefined {
	return Object.keys(harness.logFiles)
		.filter((name) => name.startsWith('worker'))
		.find((name) => new RegExp(`Worker finished execution ${executionId} \\(`).test(log(name)));
}

test('every process loaded the package; the editor offers the three nodes', async () => {
	expect(Object.keys(harness.logFiles).sort()).toEqual(['main', 'webhook', 'webhook2', 'worker1', 'worker2']);
	const { body } = await harness.editorGet<Array<{ name: string }>>('/types/nodes.json');
	expect(body.map((type) => type.name)).toEqual(
		expect.arrayContaining(['n8n-nodes-sophiie.sophiie', 'n8n-nodes-sophiie.sophiieTrigger', 'n8n-nodes-sophiie.sophiiePollingTrigger']),
	);
});

test('actions called through the webhook processor run on the workers: Get, and List Activities over 13 pages', async () => {
	const lead = harness.sandbox.store.listLeads('org_acme')[3];
	const { busyLeadId } = harness.sandbox.seed;
	const get = await webhookWorkflow('queue get', { resource: 'lead', operation: 'get', leadId: byId('={{ $json.body.leadId }}') });
	const list = await webhookWorkflow('queue activities', {
		resource: 'lead',
		operation: 'listActivities',
		leadId: byId('={{ $json.body.leadId }}'),
		returnAll: true,
	});

	expect(await get.call({ leadId: lead.id })).toMatchObject({ status: 200, body: [{ id: lead.id, email: lead.email }] });
	const listed = await list.call({ leadId: busyLeadId });
	const expectedIds = harness.sandbox.store.listActivities(busyLeadId).map((activity) => activity.id);
	expect((listed.body as Array<{ id: string }>).map((activity) => activity.id)).toEqual(expectedIds);

	const [getRun] = await finishedExecutions(get.workflowId, 1);
	const [listRun] = await finishedExecutions(list.workflowId, 1);
	expect([getRun.status, listRun.status]).toEqual(['success', 'success']);
	expect(nodeOutput(listRun, 'Sophiie')).toHaveLength(expectedIds.length);
	expect(workerOf(getRun.id)).toMatch(/^worker\d$/);
	expect(workerOf(listRun.id)).toMatch(/^worker\d$/);
	expect(log('main')).not.toMatch(new RegExp(`finished execution ${getRun.id} \\(`));
});

async function createLead(body: Record<string, unknown>) {
	const response = await fetch(`${harness.sandbox.url}/v1/leads`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${harness.sandbox.seed.organizations.acme.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return ((await response.json()) as { lead: Record<string, unknown> }).lead;
}

test('the trigger: subscribes on the webhook processor URL, runs deliveries on workers, refuses forgeries, survives a restart of main without a second subscription, and unsubscribes', async () => {
	const { workflowId, webhookId, hook } = await activeLeadTrigger('queue trigger');
	const hookUrl = new URL(hook.hookUrl);
	expect(`${hookUrl.origin}${hookUrl.pathname}`).toBe(`${harness.webhookUrl}/webhook/${webhookId}/webhook`);

	const lead = await createLead({ firstName: 'Ines', lastName: 'Moreau', email: 'ines.moreau@example.com' });
	await harness.sandbox.webhooks.settled();
	const [first] = await finishedExecutions(workflowId, 1);
	expect(first.status).toBe('success');
	expect(nodeOutput(first, 'Sophiie Trigger')).toEqual([expect.objectContaining({ event: 'LEAD_CREATED', data: lead })]);
	expect(workerOf(first.id)).toMatch(/^worker\d$/);

	const forged = new URL(hook.hookUrl);
	forged.searchParams.set('secret', 'f'.repeat(64));
	const forgery = await fetch(forged, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"event":"LEAD_CREATED"}' });
	expect(forgery.status).toBe(401);

	// Sophiie sending a delivery again (same envelope id) to the webhook processor: one execution.
	const { id, event, createdAt, data } = nodeOutput(first, 'Sophiie Trigger')[0];
	const send = async () => {
		const answer = await fetch(hook.hookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id, event, createdAt, data }) });
		return { status: answer.status, body: (await answer.json()) as unknown };
	};
	expect(await Promise.all([send(), send(), send()])).toEqual(
		Array.from({ length: 3 }, () => ({ status: 200, body: { received: true, started: false, repeated: true } })),
	);
	await wait(1500);
	expect(await executions(workflowId)).toHaveLength(1);

	await harness.restart('main');
	await wait(2000);
	expect(harness.sandbox.webhooks.list().map((live) => live.id)).toEqual([hook.id]);
	await createLead({ firstName: 'Kofi', lastName: 'Mensah', email: 'kofi.mensah@example.com' });
	await harness.sandbox.webhooks.settled();
	await finishedExecutions(workflowId, 2);
	expect(await executions(workflowId)).toHaveLength(2);

	expect((await harness.api('POST', `/workflows/${workflowId}/deactivate`)).status).toBe(200);
	await until('no subscription left', async () => (harness.sandbox.webhooks.list().length === 0 ? true : undefined));
	expect(workerLogs()).not.toMatch(/Unrecognized node type/);
});

test('leads that reach the webhook processor while main is still activating the trigger each run once, on the workers', async () => {
	// The webhook processor reads the trigger's static data from the database, which main writes only when the activation ends.
	const { workflowId, fired, sent, started } = await leadsDuringSlowActivation('queue trigger slow activation');
	process.stderr.write(`leads during activation: ${fired.length} leads, attempts answered ${attemptStatuses(sent)}\n`);
	expect(refusedOrLost(sent)).toEqual([]);
	expect([...started].sort()).toEqual([...fired].sort());
	expect((await executions(workflowId)).every((execution) => workerOf(execution.id)?.startsWith('worker'))).toBe(true);

	expect((await harness.api('POST', `/workflows/${workflowId}/deactivate`)).status).toBe(200);
	await until('no subscription left', async () => (harness.sandbox.webhooks.list().length === 0 ? true : undefined));
});

test('a repeat that reaches the other webhook processor: the trigger alone runs it again, the once-across-processes example does not', async () => {
	const run = await repeatBeyondOneProcess((envelopeId) => harness.sandbox.webhooks.sendAgain(envelopeId, harness.webhookUrls[1]));
	expect(run.repeated).toEqual([200, 200]);
	expect(run.executionsAfter).toEqual([2, 2]);
	// The documented limit, asserted so that a change is noticed: each processor remembers only what it received.
	expect(run.alone.map((execution) => (nodeOutput(execution, 'Sophiie Trigger')[0] as { id: string }).id)).toEqual([run.envelopeId, run.envelopeId]);
	expect(run.nextSteps).toEqual([[{ leadId: expect.stringMatching(/^ld_/), deliveryId: run.envelopeId }]]);
	for (const execution of [...run.alone, ...run.example]) expect(workerOf(execution.id)).toMatch(/^worker\d$/);
	await deactivateAll();
});

test('the polling trigger: main polls, executions run on the workers, each new lead once, across a restart of main', async () => {
	const newLeads = (count: number) =>
		Array.from({ length: count }, () => (harness.sandbox.fireEvent('LEAD_CREATED', 'org_acme') as { id: string }).id);
	const polled = (execution: Parameters<typeof nodeOutput>[0]) => nodeOutput(execution, 'Sophiie Polling Trigger').map((item) => item.id);
	const created = await harness.api<{ id: string }>('POST', '/workflows', {
		name: 'queue polling',
		settings: { executionOrder: 'v1' },
		nodes: [sophiiePollingTriggerNode({ event: 'newLead' }, sophiieCredential())],
		connections: {},
	});
	const workflowId = created.body.id;
	expect((await pollNow(workflowId)).status).toBe(200);

	const first = newLeads(3);
	expect((await pollNow(workflowId)).status).toBe(200);
	const [run] = await finishedExecutions(workflowId, 1);
	expect(polled(run)).toEqual(first);
	expect(workerOf(run.id)).toMatch(/^worker[12]$/);

	await harness.restart('main');
	expect((await pollNow(workflowId)).status).toBe(200);
	await wait(1000);
	expect(await executions(workflowId)).toHaveLength(1);

	const [late] = newLeads(1);
	expect((await pollNow(workflowId)).status).toBe(200);
	const [, second] = await finishedExecutions(workflowId, 2);
	expect(polled(second)).toEqual([late]);
	await harness.api('POST', `/workflows/${workflowId}/deactivate`);
});

test('the AI agent example: the chat on the webhook processor, the agent and its Sophiie tools on a worker, an error read by the model', async () => {
	const model = await startScriptedModel();
	try {
		const example = await activateAgentExample(harness, model);
		const lead = harness.sandbox.store.listLeads('org_acme')[4];
		const before = harness.sandbox.requests().length;
		const { answer, requests } = await converse(model, example, 'Look two leads up', [
			{ tool: 'Get_lead', arguments: { leadId: lead.id } },
			{ tool: 'Get_lead', arguments: { leadId: 'ld_missing1' } },
		]);
		expect(answer.status).toBe(200);
		const made = harness.sandbox.requests().slice(before).map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(made).toEqual([`GET /v1/leads/${lead.id} 200`, 'GET /v1/leads/ld_missing1 404']);
		const [found, missing] = toolResults(requests);
		expect(found).toContain(lead.id);
		expect(toolError(missing)).toContain('Lead ld_missing1 not found');
		const [run] = await finishedExecutions(example.workflowId, 1);
		expect(run.status).toBe('success');
		expect(workerOf(run.id)).toMatch(/^worker[12]$/);
		await harness.api('POST', `/workflows/${example.workflowId}/deactivate`);
	} finally {
		await model.close();
	}
});
