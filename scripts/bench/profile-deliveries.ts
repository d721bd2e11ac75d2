/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { allExecutions, pause, triggerWorkflow, webhookNodeWorkflow } from './burst-workflows';
import type { Callers, Categories } from './cpu-profile';
import { cpuInWindows, readProfiles } from './cpu-profile';
import type { Harness } from '../harness/n8n';
import { startHarness, step } from '../harness/n8n';

/**
 * `npm run bench:profile:deliveries`: where n8n's process spends its CPU per
 * delivery, one delivery after another, into the Sophiie Trigger and into
 * n8n's own Webhook node (alone, and followed by a Set node that evaluates an
 * expression), on n8n's defaults (the expression sandbox on) and with the
 * legacy engine (off), from a V8 CPU profile of n8n (`--cpu-prof`) counting
 * only the samples taken while each contender's deliveries and executions
 * ran. Time spent building, loading and disposing expression isolates is
 * split by who called for it.
 */

const DELIVERIES = Number(process.env.PROFILE_DELIVERIES ?? 100);
const RUNS = 2;

const CATEGORIES: Categories = [
	['this package', /\/n8n-nodes-sophiie\/dist\//],
	['expression isolates (built, loaded, disposed)', /@n8n\/expression-runtime\/dist\/[^/]+\/(pool|bridge)\/|\/isolated-vm\//],
	['expression evaluation', /@n8n\/expression-runtime|n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions)|@n8n\/tournament/],
	['webhook routing and answer (n8n)', /\/n8n\/dist\/webhooks\//],
	['executions: start, run, save (n8n)', /n8n-core\/dist\/execution-engine|\/n8n\/dist\/(workflow-runner|active-executions|execution-lifecycle|executions|scaling)\//],
	['database (TypeORM, SQLite)', /\/typeorm\/|\/sqlite3\/|@n8n\/db\//],
	['HTTP (Express, body parsing, Node)', /\/express\/|body-parser|raw-body|node:_http|node:net|node:internal\/(http|streams)|node:stream/],
];

const CALLERS: Callers = {
	'expression isolates (built, loaded, disposed)': [
		["n8n's webhook phase (live-webhooks: every trigger but its own Webhook node)", /\/n8n\/dist\/webhooks\/live-webhooks/],
		['an execution', /n8n-core\/dist\/execution-engine|\/n8n\/dist\/workflow-runner/],
		['this package', /\/n8n-nodes-sophiie\/dist\//],
	],
};

interface Contender {
	name: string;
	url: string;
	workflowId: string;
	windows: Array<[number, number]>;
}

const SETTINGS: Array<[string, Record<string, string>]> = [
	['defaults (expression sandbox on)', {}],
	['lazy acquire (sandbox on)', { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }],
	['legacy (sandbox off)', { N8N_EXPRESSION_ENGINE: 'legacy' }],
];

/** The trigger (its current version, and version 1 as workflows saved before 1.1 have it) and the Webhook node, alone and → expression. */
async function createContenders(harness: Harness): Promise<Contender[]> {
	const contenders: Contender[] = [];
	for (const withExpression of [false, true]) {
		const shape = withExpression ? ' → expression' : '';
		for (const typeVersion of [1.1, 1]) {
			const event = `PROFILE_${withExpression ? 'EXPRESSION' : 'PLAIN'}_V${String(typeVersion).replace('.', '_')}`;
			const before = new Set(harness.sandbox.webhooks.list().map((hook) => hook.id));
			const workflowId = await triggerWorkflow(harness, { event, withExpression, typeVersion });
			const hook = harness.sandbox.webhooks.list().find((candidate) => !before.has(candidate.id))!;
			contenders.push({ name: `Sophiie Trigger ${typeVersion === 1 ? 'v1' : 'v1.1'}${shape}`, url: hook.hookUrl, workflowId, windows: [] });
		}
		const floor = await webhookNodeWorkflow(harness, { withExpression });
		contenders.push({ name: `Webhook node${shape}`, url: floor.url, workflowId: floor.workflowId, windows: [] });
	}
	return contenders;
}

/** DELIVERIES one after another, then until their executions have finished. */
async function deliverAll(harness: Harness, contender: Contender, run: number) {
	const before = (await allExecutions(harness, contender.workflowId, false)).length;
	for (let index = 0; index < DELIVERIES; index++) {
		const response = await fetch(contender.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			// No event in the body: the trigger reads it from its hook URL, as for a delivery without one.
			body: JSON.stringify({ id: `evt_profile_${run}_${index}`, createdAt: new Date().toISOString(), data: { id: `ld_profile_${index}` } }),
		});
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`${contender.name} answered ${response.status}`);
	}
	for (;;) {
		const executions = await allExecutions(harness, contender.workflowId, false);
		if (executions.filter((execution) => execution.stoppedAt).length >= before + DELIVERIES) return;
		await pause(100);
	}
}

async function profileSetting(log: (line: string) => void, env: Record<string, string>) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-delivery-profile-'));
	const harness = await startHarness({ log, env: { N8N_LOG_LEVEL: 'info', ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } });
	let contenders: Contender[];
	try {
		contenders = await createContenders(harness);
		for (let run = 0; run <= RUNS; run++) {
			for (const contender of run % 2 === 0 ? contenders : [...contenders].reverse()) {
				const started = process.hrtime.bigint();
				await step(log, `${contender.name}: ${run === 0 ? 'warm-up' : `profiled run ${run} of ${RUNS}`} (${DELIVERIES} deliveries)`, () => deliverAll(harness, contender, run));
				if (run > 0) contender.windows.push([Number(started / 1000n), Number(process.hrtime.bigint() / 1000n)]);
				await pause(1_000);
			}
		}
	} finally {
		await harness.stop();
	}
	return { dir, contenders };
}

function report(setting: string, dir: string, contenders: Contender[]) {
	const profiles = readProfiles(dir);
	const perDelivery = contenders.map((contender) => {
		const totals = cpuInWindows(profiles, CATEGORIES, contender.windows, CALLERS);
		return Object.fromEntries(Object.entries(totals).map(([name, us]) => [name, us / (RUNS * DELIVERIES)]));
	});
	const names = [...new Set(perDelivery.flatMap((row) => Object.keys(row)))].sort((a, b) => (perDelivery[0][b] ?? 0) - (perDelivery[0][a] ?? 0));
	const ms = (us = 0) => `${(us / 1000).toFixed(1)} ms`;
	const total = (row: Record<string, number>) => Object.values(row).reduce((sum, value) => sum + value, 0);
	const wall = contenders.map((contender) => contender.windows.reduce((sum, [from, to]) => sum + to - from, 0) / (RUNS * DELIVERIES));
	const line = (cells: string[]) => process.stdout.write(`| ${cells.join(' | ')} |\n`);
	process.stdout.write(`\nn8n's CPU per delivery, ${setting}: ${DELIVERIES} deliveries one after another × ${RUNS} runs each, alternating (its executions included)\n\n`);
	line(['Where', ...contenders.map((contender) => contender.name)]);
	line(['---', ...contenders.map(() => '---')]);
	for (const name of names) line([name, ...perDelivery.map((cpu) => ms(cpu[name]))]);
	line(['**all**', ...perDelivery.map((cpu) => ms(total(cpu)))]);
	line(['wall time per delivery', ...wall.map((us) => ms(us))]);
	line(['deliveries a core takes per second', ...perDelivery.map((cpu) => (1e6 / total(cpu)).toFixed(0))]);
}

async function main() {
	const log = (line: string) => process.stderr.write(`${line}\n`);
	for (const [name, env] of SETTINGS) {
		const { dir, contenders } = await profileSetting(log, env);
		report(name, dir, contenders);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
