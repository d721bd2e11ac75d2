/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling, never published: the rules for node code do not apply */
import { randomUUID } from 'node:crypto';

import type { Harness } from './n8n-harness';
import { startHarness } from './n8n-harness';
import { RECOMMENDED_BURST_SETTINGS, startQueueHarness } from './n8n-queue';
import { step } from './processes';

/**
 * `npm run bench:burst`: BURST_SIZE (default 1,000) Sophiie deliveries sent at
 * once into an activated Sophiie Trigger workflow, in regular mode and in queue
 * mode, on n8n's defaults and with the settings the README recommends. The
 * sandbox delivers as a webhook sender does: 5 s timeout, 3 attempts, the same
 * envelope id on a retry. Counts what n8n answered, lost and duplicated.
 */

const SENDER = { timeoutMs: 5_000, maxAttempts: 3, backoffMs: 250 };

interface Setup {
	name: string;
	queue: boolean;
	workers: number;
	env: Record<string, string>;
}

const setups: Setup[] = [
	{ name: 'regular, defaults', queue: false, workers: 0, env: {} },
	{ name: 'regular, recommended', queue: false, workers: 0, env: RECOMMENDED_BURST_SETTINGS },
	{ name: 'queue, defaults, 2 workers', queue: true, workers: 2, env: {} },
	{ name: 'queue, recommended, 1 worker', queue: true, workers: 1, env: RECOMMENDED_BURST_SETTINGS },
	{ name: 'queue, recommended, 2 workers', queue: true, workers: 2, env: RECOMMENDED_BURST_SETTINGS },
];

interface Result {
	setup: string;
	sent: number;
	answered: number;
	retried: number;
	executions: number;
	lost: number;
	duplicated: number;
	perSecond: number;
}

interface ListedExecution {
	id: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: { id?: string } }>> } }>> } };
}

async function allExecutions(harness: Harness, workflowId: string): Promise<ListedExecution[]> {
	const found: ListedExecution[] = [];
	let cursor: string | undefined;
	do {
		const query = `workflowId=${workflowId}&includeData=true&limit=250${cursor ? `&cursor=${cursor}` : ''}`;
		const { body } = await harness.api<{ data: ListedExecution[]; nextCursor?: string | null }>('GET', `/executions?${query}`);
		found.push(...body.data);
		cursor = body.nextCursor ?? undefined;
	} while (cursor);
	return found;
}

async function triggerWorkflow(harness: Harness): Promise<string> {
	const { body } = await harness.api<{ id: string }>('POST', '/workflows', {
		name: 'burst',
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Sophiie Trigger',
				type: 'n8n-nodes-sophiie.sophiieTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { events: ['LEAD_CREATED'], customEvents: '', userId: 'usr_acme1' },
				credentials: { sophiieApi: { id: harness.credentialId, name: 'Sophiie sandbox (Acme Plumbing)' } },
			},
		],
		connections: {},
	});
	await harness.api('POST', `/workflows/${body.id}/activate`);
	for (let tries = 0; harness.sandbox.webhooks.list().length === 0; tries++) {
		if (tries > 100) throw new Error('The trigger did not subscribe');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return body.id;
}

/** Waits until the execution count stops growing (workers may still be running after the last answer). */
async function settledExecutions(harness: Harness, workflowId: string): Promise<ListedExecution[]> {
	let previous = -1;
	for (;;) {
		const executions = await allExecutions(harness, workflowId);
		const finished = executions.filter((execution) => execution.stoppedAt);
		if (finished.length === executions.length && finished.length === previous) return finished;
		previous = finished.length;
		await new Promise((resolve) => setTimeout(resolve, 3_000));
	}
}

async function burst(harness: Harness, setup: Setup, size: number): Promise<Result> {
	const workflowId = await triggerWorkflow(harness);
	const { webhooks } = harness.sandbox;
	const started = Date.now();
	for (let index = 0; index < size; index++) webhooks.emit('org_acme', 'LEAD_CREATED', { id: `ld_burst_${index}` });
	await webhooks.settled();
	const executions = await settledExecutions(harness, workflowId);
	const envelopeIds = executions.map(
		(execution) => execution.data?.resultData.runData['Sophiie Trigger']?.[0]?.data?.main[0][0]?.json.id,
	);
	const distinct = new Set(envelopeIds.filter(Boolean)).size;
	const lastStop = Math.max(...executions.map((execution) => Date.parse(execution.stoppedAt!)), started);
	const deliveries = webhooks.deliveries.slice(-size);
	return {
		setup: setup.name,
		sent: size,
		answered: deliveries.filter((delivery) => delivery.delivered).length,
		retried: deliveries.filter((delivery) => delivery.attempts.length > 1).length,
		executions: executions.length,
		lost: size - distinct,
		duplicated: executions.length - distinct,
		perSecond: distinct / ((lastStop - started) / 1000),
	};
}

async function run(setup: Setup, size: number): Promise<Result> {
	const log = (line: string) => console.log(`  ${line}`);
	const options = { log, env: setup.env, sandboxDelivery: SENDER };
	const harness = setup.queue
		? await startQueueHarness({ ...options, workers: setup.workers })
		: await startHarness(options);
	try {
		return await step(log, `${size} deliveries at once (${setup.name})`, () => burst(harness, setup, size));
	} finally {
		await harness.stop();
	}
}

function table(results: Result[]): string {
	const rows = results.map(
		(r) =>
			`| ${r.setup} | ${r.answered} of ${r.sent} | ${r.retried} | ${r.executions} | ${r.lost} | ${r.duplicated} | ${r.perSecond.toFixed(1)} |`,
	);
	return [
		'| Setup | Answered 2xx (after retries) | Retried by the sender | Executions | Lost | Duplicated | Executions/s |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

async function main() {
	const size = Number(process.env.BURST_SIZE ?? 1000);
	const only = process.env.BURST_SETUPS?.split(',').map((name) => name.trim());
	const results: Result[] = [];
	for (const setup of setups.filter((candidate) => !only || only.includes(candidate.name))) {
		console.log(`\n━━ ${setup.name}`);
		results.push(await run(setup, size));
		console.log(table(results.slice(-1)));
	}
	console.log(`\nBurst of ${size} deliveries (sender: 5 s timeout, 3 attempts), n8n 2.40.7:\n\n${table(results)}`);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
