/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling, never published: the rules for node code do not apply */
import { pause, settledExecutions, triggerWorkflow, webhookNodeWorkflow } from './burst-workflows';
import type { Harness } from '../harness/n8n';
import { startHarness } from '../harness/n8n';
import { startQueueHarness } from '../harness/n8n-queue';
import { step } from '../harness/processes';

/**
 * `npm run bench:burst`: bursts of Sophiie deliveries sent at once into the
 * Sophiie Trigger and, in the same n8n, into n8n's own Webhook node, by the
 * same sender (the sandbox: 5 s timeout, 3 attempts, the same envelope id on
 * a retry), for each expression-engine setting of n8n 2.x (its sandbox on:
 * defaults, lazy acquire, pool sizes 2 and 4; and legacy, the sandbox off),
 * in regular mode and in queue mode with one and two webhook processors
 * (two behind a round-robin balancer), for two workflow shapes: the trigger
 * alone, and the trigger → a Set node evaluating an expression. Counts what
 * each lost and ran twice.
 *
 * BURST_SIZES (default "100,250"), BURST_SETTINGS and BURST_MODES (names from
 * the lists below, separated by ";") pick rows.
 */

const SENDER = { timeoutMs: 5_000, maxAttempts: 3, backoffMs: 250 };

interface Setting {
	name: string;
	env: Record<string, string>;
}

const SETTINGS: Setting[] = [
	{ name: 'defaults', env: {} },
	{ name: 'lazy acquire', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	{ name: 'pool size 2', env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' } },
	{ name: 'pool size 4', env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' } },
	{ name: 'legacy', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
];

interface Mode {
	name: string;
	/** Webhook processors in queue mode; 0 is regular mode. */
	webhookProcessors: number;
}

const MODES: Mode[] = [
	{ name: 'regular', webhookProcessors: 0 },
	{ name: 'queue, 1 webhook processor', webhookProcessors: 1 },
	{ name: 'queue, 2 webhook processors', webhookProcessors: 2 },
];

/** Every queue row: a Postgres pool that lets a webhook processor answer many deliveries at once. */
const QUEUE_ENV = { DB_POSTGRESDB_POOL_SIZE: '10' };

interface Outcome {
	executions: number;
	lost: number;
	duplicated: number;
	retried: number;
	perSecond: number;
	/** What the sender's attempts of the lost deliveries got: a status each, 0 for no answer in time. */
	lostAttempts: string;
}

interface Row {
	mode: string;
	setting: string;
	shape: string;
	size: number;
	sophiie: Outcome;
	webhookNode: Outcome;
}

/** A contender: a workflow the sandbox delivers `event` to, and where its executions carry the envelope id. */
interface Contender {
	event: string;
	workflowId: string;
	envelopeIdOf(json: Record<string, unknown>): unknown;
}

async function contenders(harness: Harness, withExpression: boolean): Promise<{ sophiie: Contender; webhookNode: Contender }> {
	const shape = withExpression ? 'EXPRESSION' : 'PLAIN';
	const sophiieEvent = `BURST_TRIGGER_${shape}`;
	const sophiie = { event: sophiieEvent, workflowId: await triggerWorkflow(harness, { event: sophiieEvent, withExpression }), envelopeIdOf: (json: Record<string, unknown>) => json.id };
	// The Webhook node has no subscription of its own: the sandbox is told to deliver an event to its URL.
	const floor = await webhookNodeWorkflow(harness, { withExpression });
	const webhookEvent = `BURST_WEBHOOK_${shape}`;
	harness.sandbox.webhooks.subscribe('org_acme', 'usr_acme1', { hookUrl: floor.url, trigger: webhookEvent });
	const webhookNode = { event: webhookEvent, workflowId: floor.workflowId, envelopeIdOf: (json: Record<string, unknown>) => (json.body as { id?: unknown } | undefined)?.id };
	return { sophiie, webhookNode };
}

/** `count` deliveries of the contender's event sent at once, until the sender is done with them; when they were sent. */
async function sendAtOnce(harness: Harness, contender: Contender, count: number): Promise<number> {
	const started = Date.now();
	for (let index = 0; index < count; index++) harness.sandbox.webhooks.emit('org_acme', contender.event, { id: `ld_burst_${started}_${index}` });
	await harness.sandbox.webhooks.settled();
	return started;
}

async function burst(harness: Harness, contender: Contender, size: number): Promise<Outcome> {
	const { webhooks } = harness.sandbox;
	const deliveredBefore = webhooks.deliveries.length;
	const started = await sendAtOnce(harness, contender, size);
	// Workers may still run after the last answer; in queue mode an execution whose job was lost never finishes: 10 s without change ends the wait.
	const listed = await settledExecutions(harness, contender.workflowId, { quietPolls: 5, pollMs: 2_000 });
	const fresh = listed.filter((execution) => execution.stoppedAt && Date.parse(execution.startedAt) >= started);
	const ids = fresh
		.map((execution) => {
			const runs = execution.data?.resultData.runData ?? {};
			const first = Object.values(runs)[0]?.[0]?.data?.main[0]?.[0]?.json as Record<string, unknown> | undefined;
			return first ? contender.envelopeIdOf(first) : undefined;
		})
		.filter((id) => typeof id === 'string' && id.startsWith('evt_'));
	const distinct = new Set(ids).size;
	const lastStop = Math.max(started + 1, ...fresh.map((execution) => Date.parse(execution.stoppedAt!)));
	const deliveries = webhooks.deliveries.slice(deliveredBefore);
	const seen = new Set(ids);
	const statuses: Record<string, number> = {};
	for (const delivery of deliveries.filter((candidate) => !seen.has(candidate.envelopeId))) {
		for (const { status } of delivery.attempts) statuses[status] = (statuses[status] ?? 0) + 1;
	}
	return {
		lostAttempts: Object.entries(statuses).map(([status, count]) => `${status}×${count}`).join(', '),
		executions: ids.length,
		lost: size - distinct,
		duplicated: ids.length - distinct,
		retried: deliveries.filter((delivery) => delivery.attempts.length > 1).length,
		perSecond: distinct / ((lastStop - started) / 1000),
	};
}

async function startFor(mode: Mode, setting: Setting, log: (line: string) => void): Promise<Harness> {
	// Logs at n8n's default level, as in production (the harness otherwise logs at debug).
	const env = { N8N_LOG_LEVEL: 'info', ...setting.env };
	if (mode.webhookProcessors === 0) return await startHarness({ log, env, sandboxDelivery: SENDER });
	return await startQueueHarness({ log, env: { ...env, ...QUEUE_ENV }, sandboxDelivery: SENDER, workers: 2, webhookProcessors: mode.webhookProcessors, balanced: mode.webhookProcessors > 1 });
}

/** A few deliveries into each contender before the measured bursts, so that none pays for n8n's first run. */
async function warmUp(harness: Harness, contender: Contender) {
	await sendAtOnce(harness, contender, 10);
	await settledExecutions(harness, contender.workflowId, { expected: 10, quietPolls: 5, pollMs: 500, includeData: false });
}

/** Every size and shape in one n8n, the two contenders alternating which goes first. */
async function runMode(mode: Mode, setting: Setting, sizes: number[]): Promise<Row[]> {
	const log = (line: string) => console.log(`  ${line}`);
	const harness = await startFor(mode, setting, log);
	const rows: Row[] = [];
	try {
		for (const withExpression of [false, true]) {
			const { sophiie, webhookNode } = await contenders(harness, withExpression);
			for (const contender of [sophiie, webhookNode]) await warmUp(harness, contender);
			for (const size of sizes) {
				const shape = withExpression ? 'trigger → expression' : 'trigger alone';
				const order = rows.length % 2 === 0 ? [sophiie, webhookNode] : [webhookNode, sophiie];
				const outcomes = new Map<Contender, Outcome>();
				for (const contender of order) {
					const name = contender === sophiie ? 'Sophiie Trigger' : 'Webhook node';
					outcomes.set(contender, await step(log, `${size} at once into the ${name} (${mode.name}, ${setting.name}, ${shape})`, () => burst(harness, contender, size)));
					await pause(3_000);
				}
				rows.push({ mode: mode.name, setting: setting.name, shape, size, sophiie: outcomes.get(sophiie)!, webhookNode: outcomes.get(webhookNode)! });
				console.log(table(rows.slice(-1)));
				for (const [name, outcome] of [['Sophiie Trigger', outcomes.get(sophiie)!], ['Webhook node', outcomes.get(webhookNode)!]] as const) {
					if (outcome.lost) console.log(`  ${name}: the lost deliveries' attempts got ${outcome.lostAttempts} (0: no answer within the sender's timeout)`);
				}
			}
		}
	} finally {
		await harness.stop();
	}
	return rows;
}

const cell = (outcome: Outcome) => `${outcome.executions} / ${outcome.lost} / ${outcome.duplicated} / ${outcome.retried} / ${outcome.perSecond.toFixed(1)}`;

function table(rows: Row[]): string {
	return [
		'| Mode | Setting | Workflow | At once | Sophiie Trigger | Webhook node |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows.map((row) => `| ${row.mode} | ${row.setting} | ${row.shape} | ${row.size} | ${cell(row.sophiie)} | ${cell(row.webhookNode)} |`),
	].join('\n');
}

function picked<T extends { name: string }>(all: T[], variable: string): T[] {
	const names = process.env[variable]?.split(';').map((name) => name.trim());
	if (!names) return all;
	const unknown = names.filter((name) => !all.some((entry) => entry.name === name));
	if (unknown.length) throw new Error(`Unknown ${variable} ${unknown.join('; ')}; known: ${all.map((entry) => entry.name).join('; ')}`);
	return all.filter((entry) => names.includes(entry.name));
}

async function main() {
	const sizes = (process.env.BURST_SIZES ?? '100,250').split(',').map(Number);
	const rows: Row[] = [];
	for (const mode of picked(MODES, 'BURST_MODES')) {
		for (const setting of picked(SETTINGS, 'BURST_SETTINGS')) {
			console.log(`\n━━ ${mode.name}, ${setting.name}`);
			rows.push(...(await runMode(mode, setting, sizes)));
		}
	}
	console.log(`\nBursts (sender: 5 s timeout, 3 attempts), n8n 2.40.7; each cell: executions / lost / duplicated / retried by the sender / executions per second:\n\n${table(rows)}`);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
