/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling, never published: the rules for node code do not apply */
import { settledExecutions, triggerWorkflow, webhookNodeWorkflow } from './burst-workflows';
import type { Harness } from '../harness/n8n';
import { startHarness } from '../harness/n8n';
import { RECOMMENDED_BURST_SETTINGS, startQueueHarness } from '../harness/n8n-queue';
import { step } from '../harness/processes';

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
	/** Executions n8n created but never finished (in queue mode: a job that never ran). */
	unfinished: number;
	lost: number;
	duplicated: number;
	perSecond: number;
}

async function burst(harness: Harness, setup: Setup, size: number): Promise<Result> {
	const workflowId = await triggerWorkflow(harness);
	const { webhooks } = harness.sandbox;
	const started = Date.now();
	for (let index = 0; index < size; index++) webhooks.emit('org_acme', 'LEAD_CREATED', { id: `ld_burst_${index}` });
	await webhooks.settled();
	// Workers may still run after the last answer; in queue mode an execution whose job was lost never finishes: 15 s without change ends the wait.
	const listed = await settledExecutions(harness, workflowId, { quietPolls: 5, pollMs: 3_000 });
	const executions = listed.filter((execution) => execution.stoppedAt);
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
		unfinished: listed.length - executions.length,
		lost: size - distinct,
		duplicated: executions.length - distinct,
		perSecond: distinct === 0 ? 0 : distinct / ((lastStop - started) / 1000),
	};
}

async function run(setup: Setup, size: number): Promise<Result> {
	const log = (line: string) => console.log(`  ${line}`);
	// Logs at n8n's default level, as in production (the harness otherwise logs at debug).
	const options = { log, env: { N8N_LOG_LEVEL: 'info', ...setup.env }, sandboxDelivery: SENDER };
	const harness = setup.queue
		? await startQueueHarness({ ...options, workers: setup.workers, webhookProcessors: 1 })
		: await startHarness(options);
	try {
		return await step(log, `${size} deliveries at once (${setup.name})`, () => burst(harness, setup, size));
	} finally {
		await harness.stop();
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median answer time of `count` deliveries sent one after another. */
async function answerTime(url: string, count: number, expected: number): Promise<number> {
	const times: number[] = [];
	for (let index = 0; index < count; index++) {
		const started = performance.now();
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ id: `evt_${index}`, event: 'LEAD_CREATED', data: { id: `ld_${index}` } }),
		});
		await response.arrayBuffer();
		if (response.status !== expected) throw new Error(`${url} answered ${response.status}, expected ${expected}`);
		times.push(performance.now() - started);
	}
	return median(times);
}

/**
 * One delivery at a time, in regular mode: what a Sophiie delivery costs n8n to
 * answer (accepted, and refused for a wrong secret) beside n8n's own Webhook
 * node, on defaults and with the recommended settings.
 */
async function answerTimes(count: number): Promise<string> {
	const rows: string[] = [];
	for (const [name, env] of [
		['defaults', {}],
		['recommended', RECOMMENDED_BURST_SETTINGS],
	] as const) {
		const harness = await startHarness({ log: (line) => console.log(`  ${line}`), env: { N8N_LOG_LEVEL: 'info', ...env } });
		try {
			await triggerWorkflow(harness);
			const hookUrl = new URL(harness.sandbox.webhooks.list()[0].hookUrl);
			const forged = new URL(hookUrl);
			forged.searchParams.set('secret', 'f'.repeat(64));
			const { url: floor } = await webhookNodeWorkflow(harness);
			await answerTime(floor, 20, 200); // warm-up
			const [accepted, refused, webhookNode] = [
				await answerTime(hookUrl.toString(), count, 200),
				await answerTime(forged.toString(), count, 401),
				await answerTime(floor, count, 200),
			];
			rows.push(`| ${name} | ${accepted.toFixed(1)} ms | ${refused.toFixed(1)} ms | ${webhookNode.toFixed(1)} ms |`);
		} finally {
			await harness.stop();
		}
	}
	return [
		'| n8n settings | Sophiie Trigger, accepted | Sophiie Trigger, wrong secret (401) | n8n Webhook node |',
		'| --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

function table(results: Result[]): string {
	const rows = results.map(
		(r) =>
			`| ${r.setup} | ${r.answered} of ${r.sent} | ${r.retried} | ${r.executions} | ${r.unfinished} | ${r.lost} | ${r.duplicated} | ${r.perSecond.toFixed(1)} |`,
	);
	return [
		'| Setup | Answered 2xx (after retries) | Retried by the sender | Executions finished | Never finished | Lost | Duplicated | Executions/s |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

async function main() {
	const size = Number(process.env.BURST_SIZE ?? 1000);
	// BURST_SETUPS: names from the table, separated by ";" (e.g. "queue, recommended, 2 workers").
	const only = process.env.BURST_SETUPS?.split(';').map((name) => name.trim());
	const unknown = only?.filter((name) => !setups.some((setup) => setup.name === name)) ?? [];
	if (unknown.length) throw new Error(`Unknown BURST_SETUPS ${unknown.join('; ')}; known: ${setups.map((setup) => setup.name).join('; ')}`);
	const answers = only ? '' : await answerTimes(200);
	if (answers) console.log(answers);
	const results: Result[] = [];
	for (const setup of setups.filter((candidate) => !only || only.includes(candidate.name))) {
		console.log(`\n━━ ${setup.name}`);
		results.push(await run(setup, size));
		console.log(table(results.slice(-1)));
	}
	console.log(`\nBurst of ${size} deliveries (sender: 5 s timeout, 3 attempts), n8n 2.40.7:\n\n${table(results)}`);
	if (answers) console.log(`\nOne delivery at a time, median of 200, regular mode:\n\n${answers}`);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
