/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import { randomUUID } from 'node:crypto';

import { loadExamples } from '../../scripts/harness/examples';
import type { Harness } from '../../scripts/harness/n8n';
import { sandboxCredentialRef } from '../../scripts/harness/n8n';
import { sophiieTriggerNode, webhookNode } from '../../scripts/harness/workflow-nodes';
import { until } from '../../scripts/harness/until';

/**
 * Workflows in real n8n through its public API, for the end-to-end suites
 * (regular and queue mode): create and activate, call production webhooks
 * (on the webhook processor in queue mode), read executions back.
 */

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { until };

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	stoppedAt?: string | null;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>>;
			error?: { message: string };
		};
	};
}

interface SentDelivery {
	delivered: boolean;
	attempts: Array<{ status: number }>;
}

/** Deliveries Sophiie gave up on, or that n8n refused (401) at any attempt: none is expected. */
export function refusedOrLost<T extends SentDelivery>(deliveries: T[]): T[] {
	return deliveries.filter((delivery) => !delivery.delivered || delivery.attempts.some((attempt) => attempt.status === 401));
}

/** How Sophiie's attempts at these deliveries were answered, e.g. "200×30, 404×17". */
export function attemptStatuses(deliveries: SentDelivery[]): string {
	const counts = new Map<number, number>();
	for (const { status } of deliveries.flatMap((delivery) => delivery.attempts)) counts.set(status, (counts.get(status) ?? 0) + 1);
	return [...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(', ');
}

export function nodeOutput(execution: Execution, node: string) {
	return (execution.data?.resultData.runData[node]?.[0]?.data?.main[0] ?? []).map((item) => item.json);
}

/** The helpers, bound to the suite's harness (read when called: it is started in beforeAll). */
export function workflowHelpers(current: () => Harness) {
	async function executions(workflowId: string): Promise<Execution[]> {
		const { status, body } = await current().api<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
		if (status !== 200) throw new Error(`Listing executions failed (${status})`);
		// n8n 1.x's public API has no `status`: derive it from `finished` and `stoppedAt`.
		return body.data.map((execution) => ({
			...execution,
			status: execution.status ?? (execution.finished ? 'success' : execution.stoppedAt ? 'error' : 'running'),
		}));
	}

	/** Waits until the workflow has `count` finished executions and returns them, oldest first. */
	async function finishedExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]> {
		return await until(
			`${count} execution(s) of workflow ${workflowId}`,
			async () => {
				const all = await executions(workflowId);
				const done = all.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
				return done.length >= count ? done.reverse() : undefined;
			},
			timeoutMs,
		);
	}

	const sophiieCredential = () => ({ sophiieApi: sandboxCredentialRef(current().credentialId) });

	/** A workflow "POST /webhook/<path> → Sophiie", activated; each call runs the Sophiie node once. */
	async function webhookWorkflow(name: string, sophiieParameters: Record<string, unknown>) {
		const harness = current();
		const path = `sophiie-${randomUUID()}`;
		const { status, body } = await harness.api<{ id: string }>('POST', '/workflows', {
			name,
			settings: { executionOrder: 'v1' },
			nodes: [
				webhookNode(path, { responseMode: 'lastNode', responseData: 'allEntries' }),
				{
					id: randomUUID(),
					name: 'Sophiie',
					type: 'n8n-nodes-sophiie.sophiie',
					typeVersion: 1,
					position: [220, 0],
					parameters: sophiieParameters,
					credentials: sophiieCredential(),
				},
			],
			connections: { Webhook: { main: [[{ node: 'Sophiie', type: 'main', index: 0 }]] } },
		});
		if (status !== 200) throw new Error(`Creating workflow ${name} failed (${status}): ${JSON.stringify(body)}`);
		const workflowId = body.id;
		const activated = await harness.api('POST', `/workflows/${workflowId}/activate`);
		if (activated.status !== 200) throw new Error(`Activating workflow ${name} failed (${activated.status})`);
		const call = async (input: Record<string, unknown>) => {
			const response = await until('the production webhook', async () => {
				const attempt = await fetch(`${harness.webhookUrl}/webhook/${path}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(input),
				});
				return attempt.status === 404 ? undefined : attempt;
			});
			return { status: response.status, body: (await response.json()) as unknown };
		};
		return { workflowId, call };
	}

	/**
	 * Activates a polling trigger's workflow, or deactivates and activates it
	 * again: n8n polls once on activation, so this is a poll on demand. Returns
	 * the activation's answer once Sophiie has answered that poll's read of
	 * `listPath`. When the poll fails, n8n 1.x refuses the activation with its
	 * error; n8n 2.x polls after answering, so it answers 200 either way.
	 */
	async function pollNow(workflowId: string, listPath = '/v1/leads') {
		const { sandbox } = current();
		const reads = () => sandbox.requests().filter((request) => request.path === listPath && request.status !== 0).length;
		const before = reads();
		await current().api('POST', `/workflows/${workflowId}/deactivate`);
		const activated = await current().api<{ message?: string }>('POST', `/workflows/${workflowId}/activate`);
		await until(`a poll of ${listPath}`, async () => (reads() > before ? true : undefined));
		return activated;
	}

	/** A Sophiie Trigger workflow for LEAD_CREATED (the trigger's current version unless told), not yet active. */
	async function leadTriggerWorkflow(name: string, typeVersion?: number) {
		const webhookId = randomUUID();
		const { status, body } = await current().api<{ id: string }>('POST', '/workflows', {
			name,
			settings: { executionOrder: 'v1' },
			nodes: [sophiieTriggerNode(webhookId, { events: ['LEAD_CREATED'], customEvents: '', userId: 'usr_acme1' }, sophiieCredential(), typeVersion)],
			connections: {},
		});
		if (status !== 200) throw new Error(`Creating workflow ${name} failed (${status}): ${JSON.stringify(body)}`);
		return { workflowId: body.id, webhookId };
	}

	async function activate(workflowId: string, name: string) {
		const activated = await current().api('POST', `/workflows/${workflowId}/activate`);
		if (activated.status !== 200) throw new Error(`Activating workflow ${name} failed (${activated.status})`);
	}

	/** A Sophiie Trigger workflow for LEAD_CREATED, activated; resolves once Sophiie has its hook. */
	async function activeLeadTrigger(name: string, typeVersion?: number) {
		const { workflowId, webhookId } = await leadTriggerWorkflow(name, typeVersion);
		await activate(workflowId, name);
		const [hook] = await until('the subscription', async () => {
			const live = hooksOf(webhookId);
			return live.length === 1 ? live : undefined;
		});
		return { workflowId, webhookId, hook };
	}

	/**
	 * A Sophiie Trigger workflow activated while Sophiie is slow to answer the
	 * subscribe (the hook exists at once, the activation ends 3 s later), and
	 * `count` leads fired meanwhile: what Sophiie sent, and the lead ids the
	 * workflow started with once they have all finished.
	 */
	async function leadsDuringSlowActivation(name: string, count = 5) {
		const harness = current();
		const { workflowId, webhookId } = await leadTriggerWorkflow(name);
		harness.sandbox.addFault({ method: 'POST', path: '/subscribe', processed: true, delayMs: 3000, times: 1 });
		const deliveredBefore = harness.sandbox.webhooks.deliveries.length;
		// n8n 1.x answers once the activation is done, 2.x at once: the leads are fired without waiting for it.
		const activating = activate(workflowId, name);
		await until('the hook', async () => (hooksOf(webhookId).length === 1 ? true : undefined), 30_000, 20);
		const fired = Array.from({ length: count }, () => (harness.sandbox.fireEvent('LEAD_CREATED', 'org_acme') as { id: string }).id);
		await harness.sandbox.webhooks.settled();
		await activating;
		const sent = harness.sandbox.webhooks.deliveries.slice(deliveredBefore);
		await finishedExecutions(workflowId, sent.filter((delivery) => delivery.delivered).length);
		await wait(1500);
		const executionsNow = await finishedExecutions(workflowId, 0);
		const started = executionsNow.map((execution) => (nodeOutput(execution, 'Sophiie Trigger')[0].data as { id: string }).id);
		return { workflowId, fired, sent, started };
	}

	/** Creates an example workflow as it ships (inactive), with the harness's credential. */
	async function workflowFromExample(file: string) {
		const example = loadExamples(current().credentialId).find((candidate) => candidate.file === file);
		if (!example) throw new Error(`No example ${file}`);
		const { name, nodes, connections, settings } = example;
		const { status, body } = await current().api<{ id: string }>('POST', '/workflows', { name, nodes, connections, settings });
		if (status !== 200) throw new Error(`Creating workflow ${name} failed (${status}): ${JSON.stringify(body)}`);
		return { workflowId: body.id, name, webhookId: String(nodes.find((node) => node.webhookId)?.webhookId) };
	}

	/**
	 * One lead into two LEAD_CREATED workflows, the trigger alone and the
	 * example that runs each delivery once across n8n processes, then `repeat`
	 * sends that delivery again where the first process's memory does not reach
	 * (another webhook processor, n8n after a restart). Resolves, once both have
	 * run it twice and nothing more came, with their executions and how many
	 * reached the example's next step.
	 */
	async function repeatBeyondOneProcess(repeat: (envelopeId: string) => Promise<number[]>) {
		const { sandbox } = current();
		const alone = await activeLeadTrigger('Sophiie: trigger alone');
		const example = await workflowFromExample('new-lead-once-across-processes.json');
		await activate(example.workflowId, example.name);
		await until('the example subscribed', async () => (hooksOf(example.webhookId).length === 1 ? true : undefined));
		const before = sandbox.webhooks.deliveries.length;
		sandbox.fireEvent('LEAD_CREATED', 'org_acme');
		await sandbox.webhooks.settled();
		const sent = sandbox.webhooks.deliveries.slice(before);
		if (refusedOrLost(sent).length > 0 || sent.length !== 2) throw new Error(`The lead's deliveries: ${attemptStatuses(sent)}`);
		await finishedExecutions(alone.workflowId, 1);
		await finishedExecutions(example.workflowId, 1);
		const repeated = await repeat(sent[0].envelopeId);
		const [aloneRuns, exampleRuns] = await Promise.all([finishedExecutions(alone.workflowId, 2), finishedExecutions(example.workflowId, 2)]);
		await wait(1500);
		const after = await Promise.all([executions(alone.workflowId), executions(example.workflowId)]);
		return {
			repeated,
			envelopeId: sent[0].envelopeId,
			alone: aloneRuns,
			example: exampleRuns,
			executionsAfter: after.map((list) => list.length),
			nextSteps: exampleRuns.filter((execution) => nodeOutput(execution, 'Next step').length > 0).map((execution) => nodeOutput(execution, 'Next step')),
		};
	}

	/** The hooks Sophiie holds for the trigger with this webhook id. */
	function hooksOf(webhookId: string) {
		return current().sandbox.webhooks.list().filter((hook) => new URL(hook.hookUrl).pathname.includes(`/${webhookId}/`));
	}

	/**
	 * Deactivates every active workflow and waits until Sophiie holds no hook:
	 * after each test, so that one that failed half way leaves nothing that
	 * receives the next one's events.
	 */
	async function deactivateAll() {
		const harness = current();
		const { status, body } = await harness.api<{ data: Array<{ id: string }> }>('GET', '/workflows?active=true&limit=250');
		if (status !== 200) throw new Error(`Listing active workflows failed (${status})`);
		for (const { id } of body.data) await harness.api('POST', `/workflows/${id}/deactivate`);
		await until('no subscription left', async () => (harness.sandbox.webhooks.list().length === 0 ? true : undefined));
	}

	return {
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
	};
}
