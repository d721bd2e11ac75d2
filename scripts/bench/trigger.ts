import type { ListedExecution } from './burst-workflows';
import { settledExecutions, triggerWorkflow, webhookNodeWorkflow } from './burst-workflows';
import type { Harness } from '../harness/n8n';
import { startHarness } from '../harness/n8n';
import { RECOMMENDED_BURST_SETTINGS } from '../harness/n8n-queue';
import type { Log } from '../harness/processes';

/**
 * The trigger rows of `npm run bench`: TRIGGER_BURST deliveries at once into an
 * activated Sophiie Trigger workflow against the same burst into n8n's own
 * Webhook node (the floor for a trigger in the same n8n), on n8n's defaults and
 * with the README's recommended settings: finished executions per second, from
 * the first delivery sent to the last execution stopped.
 */

export const TRIGGER_BURST = 500;

interface BurstOutcome {
	finished: number;
	perSecond: number;
}

/** The finished executions once `expected` have finished, or none more finish for 5 s. */
async function settle(harness: Harness, workflowId: string, expected: number): Promise<ListedExecution[]> {
	const executions = await settledExecutions(harness, workflowId, { expected, quietPolls: 5, pollMs: 1_000, includeData: false });
	return executions.filter((execution) => execution.stoppedAt);
}

async function burstInto(harness: Harness, url: string, workflowId: string): Promise<BurstOutcome> {
	const before = (await settle(harness, workflowId, 0)).length;
	const started = Date.now();
	await Promise.all(
		Array.from({ length: TRIGGER_BURST }, (_, index) =>
			fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ id: `evt_bench_${started}_${index}`, event: 'LEAD_CREATED', data: { id: `ld_bench_${index}` } }),
			})
				.then((response) => response.arrayBuffer())
				.catch(() => undefined),
		),
	);
	const fresh = (await settle(harness, workflowId, before + TRIGGER_BURST)).filter((execution) => Date.parse(execution.startedAt) >= started);
	const lastStop = Math.max(started + 1, ...fresh.map((execution) => Date.parse(execution.stoppedAt!)));
	return { finished: fresh.length, perSecond: fresh.length / ((lastStop - started) / 1000) };
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
	const measured = (outcome: { sophiie: BurstOutcome; floor: BurstOutcome }) =>
		`Sophiie Trigger ${outcome.sophiie.finished} of ${TRIGGER_BURST} finished, ${outcome.sophiie.perSecond.toFixed(1)}/s; ` +
		`Webhook node ${outcome.floor.finished} of ${TRIGGER_BURST}, ${outcome.floor.perSecond.toFixed(1)}/s`;
	const defaults = await oneSetting(log, {}, true);
	const recommended = await oneSetting(log, RECOMMENDED_BURST_SETTINGS, false);
	const recommendedRatio = recommended.sophiie.perSecond / recommended.floor.perSecond;
	const met = recommendedRatio >= 0.9 && recommended.sophiie.finished === TRIGGER_BURST;
	return [
		[
			`Trigger: ${TRIGGER_BURST} deliveries at once, n8n's defaults`,
			measured(defaults),
			`${ratio(defaults.sophiie.perSecond / defaults.floor.perSecond)} the Webhook node's rate (target: ${TRIGGER_BURST} of ${TRIGGER_BURST} finished: ${defaults.sophiie.finished === TRIGGER_BURST ? 'met' : 'missed'})`,
		],
		[`Trigger: ${TRIGGER_BURST} deliveries at once, recommended settings`, measured(recommended), `${ratio(recommendedRatio)} the Webhook node's rate (target ≥ 0.9× and ${TRIGGER_BURST} of ${TRIGGER_BURST}: ${met ? 'met' : 'missed'})`],
	];
}
