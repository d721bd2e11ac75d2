import type { ListedExecution } from './burst-workflows';
import { settledExecutions, triggerWorkflow, webhookNodeWorkflow } from './burst-workflows';
import type { Harness } from '../harness/n8n';
import { startHarness } from '../harness/n8n';
import { LEGACY_BURST_SETTINGS } from '../harness/n8n-queue';
import type { Log } from '../harness/processes';

/**
 * The trigger rows of `npm run bench`: TRIGGER_BURST deliveries at once into an
 * activated Sophiie Trigger workflow against the same burst into n8n's own
 * Webhook node (the floor for a trigger in the same n8n), on n8n's defaults and
 * with the legacy expression engine: finished executions per second, from
 * the first delivery sent to the last execution stopped.
 */

export const TRIGGER_BURST = 500;

interface BurstOutcome {
	finished: number;
	perSecond: number;
	/** What n8n answered each delivery: a status, or how the request failed. */
	answers: Record<string, number>;
	/** Executions n8n created and had not finished when the wait ended. */
	unfinished: number;
}

/**
 * The workflow's executions once `expected` have finished, or none more was
 * created or finished for 15 s (an execution n8n never finishes would hold
 * the wait forever).
 */
async function settle(harness: Harness, workflowId: string, expected: number): Promise<ListedExecution[]> {
	return await settledExecutions(harness, workflowId, { expected, quietPolls: 15, pollMs: 1_000, includeData: false });
}

/** Sends one delivery; what n8n answered, or why it did not. */
async function deliver(url: string, body: string): Promise<string> {
	try {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
		await response.arrayBuffer();
		return String(response.status);
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause;
		return cause?.code ?? (error as Error).message;
	}
}

async function burstInto(harness: Harness, url: string, workflowId: string): Promise<BurstOutcome> {
	const before = new Set((await settle(harness, workflowId, 0)).map((execution) => execution.id));
	const started = Date.now();
	const answered = await Promise.all(
		Array.from({ length: TRIGGER_BURST }, (_, index) =>
			deliver(url, JSON.stringify({ id: `evt_bench_${started}_${index}`, event: 'LEAD_CREATED', data: { id: `ld_bench_${index}` } })),
		),
	);
	const answers: Record<string, number> = {};
	for (const answer of answered) answers[answer] = (answers[answer] ?? 0) + 1;
	// Not one of before, nor a late-saved run of the readiness probe that preceded the burst.
	const listed = await settle(harness, workflowId, before.size + TRIGGER_BURST);
	const fresh = listed.filter((execution) => !before.has(execution.id) && Date.parse(execution.startedAt) >= started);
	const finished = fresh.filter((execution) => execution.stoppedAt);
	const lastStop = Math.max(started + 1, ...finished.map((execution) => Date.parse(execution.stoppedAt!)));
	return { finished: finished.length, perSecond: finished.length / ((lastStop - started) / 1000), answers, unfinished: fresh.length - finished.length };
}

/** Both contenders in one n8n started with `env`, alternating which goes first. */
async function oneSetting(log: Log, env: Record<string, string>, sophiieFirst: boolean) {
	const harness = await startHarness({ log, env: { N8N_LOG_LEVEL: 'info', ...env } });
	try {
		const sophiieWorkflow = await triggerWorkflow(harness);
		const hookUrl = harness.sandbox.webhooks.list()[0].hookUrl;
		const webhook = await webhookNodeWorkflow(harness);
		const sophiie = () => burstInto(harness, hookUrl, sophiieWorkflow);
		const floor = () => burstInto(harness, webhook.url, webhook.workflowId);
		if (sophiieFirst) return { sophiie: await sophiie(), floor: await floor() };
		const floorOutcome = await floor();
		return { sophiie: await sophiie(), floor: floorOutcome };
	} finally {
		await harness.stop();
	}
}

export async function triggerRows(log: Log): Promise<string[][]> {
	const ratio = (value: number) => `${value.toFixed(2)}×`;
	const answers = (outcome: BurstOutcome) =>
		Object.entries(outcome.answers)
			.map(([answer, count]) => `${count} ${/^\d+$/.test(answer) ? `answered ${answer}` : answer}`)
			.join(', ');
	const contender = (name: string, outcome: BurstOutcome) =>
		`${name} ${outcome.finished} of ${TRIGGER_BURST} finished, ${outcome.perSecond.toFixed(1)}/s (${answers(outcome)}` +
		`${outcome.unfinished ? `; ${outcome.unfinished} executions created but not finished` : ''})`;
	const measured = (outcome: { sophiie: BurstOutcome; floor: BurstOutcome }) =>
		`${contender('Sophiie Trigger', outcome.sophiie)}; ${contender('Webhook node', outcome.floor)}`;
	const defaults = await oneSetting(log, {}, true);
	const recommended = await oneSetting(log, LEGACY_BURST_SETTINGS, false);
	const recommendedRatio = recommended.sophiie.perSecond / recommended.floor.perSecond;
	const met = recommendedRatio >= 0.9 && recommended.sophiie.finished === TRIGGER_BURST;
	return [
		[
			`Trigger: ${TRIGGER_BURST} deliveries at once, n8n's defaults`,
			measured(defaults),
			`${ratio(defaults.sophiie.perSecond / defaults.floor.perSecond)} the Webhook node's rate (target: ${TRIGGER_BURST} of ${TRIGGER_BURST} finished: ${defaults.sophiie.finished === TRIGGER_BURST ? 'met' : 'missed'})`,
		],
		[`Trigger: ${TRIGGER_BURST} deliveries at once, legacy expression engine`, measured(recommended), `${ratio(recommendedRatio)} the Webhook node's rate (target ≥ 0.9× and ${TRIGGER_BURST} of ${TRIGGER_BURST}: ${met ? 'met' : 'missed'})`],
	];
}
