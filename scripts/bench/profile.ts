/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { batching, benchWorkflow, callBenchWorkflow, createHeaderCredential, floorNode, floorPackage, httpRequestNode } from './contenders';
import type { Categories } from './cpu-profile';
import { cpuInWindows, readProfiles } from './cpu-profile';
import type { Harness } from '../harness/n8n';
import { sandboxCredentialRef, startHarness, step } from '../harness/n8n';

/**
 * `npm run bench:profile`: where n8n's main process spends its CPU per item
 * while the Sophiie node runs Get × 1,000 (one at a time unless told), side by
 * side with the benchmark's floor node (floor.node.ts) and n8n's HTTP
 * Request node doing the same Gets, from a V8 CPU profile of that process
 * (`--cpu-prof`), counting only the samples taken during each contender's runs
 * (they alternate). Each sample goes to the category of the innermost frame
 * that has one; Sophiie − floor is what the Sophiie node costs beyond the
 * least any node can do. The wall time per item against the CPU per item says
 * whether n8n's one thread is what limits a run.
 */

const ITEMS = 1000;
const RUNS = 3;
/** `BENCH_PROFILE_CONCURRENCY=8 BENCH_PROFILE_LATENCY_MS=20 npm run bench:profile` profiles the benchmark's latency row. */
const CONCURRENCY = Number(process.env.BENCH_PROFILE_CONCURRENCY ?? 1);
const LATENCY_MS = Number(process.env.BENCH_PROFILE_LATENCY_MS ?? 0);

const CATEGORIES: Categories = [
	['this package', /\/n8n-nodes-sophiie\/dist\//],
	['the floor node', /\/n8n-nodes-sophiie-bench-floor\//],
	['n8n expression evaluation', /n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions)|@n8n\/(tournament|expression-runtime)|isolated-vm/],
	['n8n resource locator extraction', /node-execution-context\/utils\/extract-value/],
	["n8n credential authentication (the credential's authenticate, pre-authentication)", /credentials-helper|request-helpers\/authentication|credential-types/],
	['n8n request helper, axios, Node HTTP', /request-helper|backend-network|\/axios\/|follow-redirects|node:_http|node:net|node:internal\/(http|streams|dns)|node:stream/],
];

interface Contender {
	name: string;
	webhookPath: string;
	windows: Array<[number, number]>;
	/** How busy this process's event loop (the sandbox answering n8n) was in each window, 0–1. */
	sandboxBusy: number[];
}

/** The Sophiie node, the floor and HTTP Request, the same Gets each, `CONCURRENCY` at a time. */
async function createContenders(harness: Harness): Promise<Contender[]> {
	const { url, seed } = harness.sandbox;
	const token = seed.organizations.acme.token;
	const leadId = { __rl: true, mode: 'id', value: "={{ $json['body.ids'] }}" };
	const sophiie = { type: 'n8n-nodes-sophiie.sophiie', typeVersion: 1, parameters: { resource: 'lead', operation: 'get', leadId, options: { concurrency: CONCURRENCY } }, credentials: { sophiieApi: sandboxCredentialRef(harness.credentialId) } };
	const http = httpRequestNode(`=${url}/v1/leads/{{ $json['body.ids'] }}`, await createHeaderCredential(harness, token), batching(CONCURRENCY));
	const contender = async (name: string, node: Record<string, unknown>): Promise<Contender> => ({
		name,
		webhookPath: (await benchWorkflow(harness, `profile: ${name}`, node, true)).webhookPath,
		windows: [],
		sandboxBusy: [],
	});
	return [
		await contender('Sophiie', sophiie),
		await contender('floor', floorNode(url, token, CONCURRENCY)),
		await contender(`HTTP Request, batches of ${CONCURRENCY}`, http),
	];
}

async function main() {
	const log = (line: string) => process.stderr.write(`${line}\n`);
	const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-profile-'));
	const harness = await startHarness({ log, env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` }, extraPackages: [floorPackage()] });
	let contenders: Contender[];
	try {
		const leads = harness.sandbox.store.listLeads('org_acme');
		const ids = Array.from({ length: ITEMS }, (_, index) => leads[index % leads.length].id);
		contenders = await createContenders(harness);
		harness.sandbox.setLatency(LATENCY_MS);
		for (let run = 0; run <= RUNS; run++) {
			for (const contender of run % 2 === 0 ? contenders : [...contenders].reverse()) {
				const started = process.hrtime.bigint();
				const loop = performance.eventLoopUtilization();
				await step(log, `${contender.name}: ${run === 0 ? 'warm-up run' : `profiled run ${run} of ${RUNS}`}`, async () => {
					const status = await callBenchWorkflow(harness, contender.webhookPath, { ids });
					if (status !== 200) throw new Error(`The profiled workflow of ${contender.name} answered ${status}`);
				});
				if (run === 0) continue;
				contender.windows.push([Number(started / 1000n), Number(process.hrtime.bigint() / 1000n)]);
				contender.sandboxBusy.push(performance.eventLoopUtilization(loop).utilization);
			}
		}
	} finally {
		await harness.stop();
	}
	report(profiles, contenders);
}

/** Microseconds of CPU per item, by category, for each contender; then wall time per item and how busy n8n's thread was. */
function report(dir: string, contenders: Contender[]) {
	const profiles = readProfiles(dir);
	const perItem = contenders.map((contender) => {
		const totals = cpuInWindows(profiles, CATEGORIES, contender.windows);
		if (Object.keys(totals).length === 0) throw new Error(`No profile samples fell in the runs of ${contender.name} (${profiles.length} profiles in ${dir})`);
		return Object.fromEntries(Object.entries(totals).map(([name, us]) => [name, us / (RUNS * ITEMS)]));
	});
	const names = [...new Set(perItem.flatMap((row) => Object.keys(row)))].sort((a, b) => (perItem[0][b] ?? 0) - (perItem[0][a] ?? 0));
	const us = (value = 0) => `${Math.round(value)} µs`;
	const total = (row: Record<string, number>) => Object.values(row).reduce((sum, value) => sum + value, 0);
	const setting = `${CONCURRENCY === 1 ? 'one at a time' : `${CONCURRENCY} at a time`}${LATENCY_MS ? `, ${LATENCY_MS} ms latency` : ', loopback'}`;
	const row = (label: string, cells: string[], difference: string) => process.stdout.write(`| ${label} | ${cells.join(' | ')} | ${difference} |\n`);
	process.stdout.write(`\nCPU of n8n's process per item (idle excluded), Get × ${ITEMS} ${setting}, ${RUNS} runs each, alternating\n\n`);
	process.stdout.write(`| Where | ${contenders.map((c) => c.name).join(' | ')} | Sophiie − floor |\n| --- |${' --- |'.repeat(contenders.length + 1)}\n`);
	for (const name of names) row(name, perItem.map((cpu) => us(cpu[name])), us((perItem[0][name] ?? 0) - (perItem[1][name] ?? 0)));
	row('**all**', perItem.map((cpu) => us(total(cpu))), us(total(perItem[0]) - total(perItem[1])));
	// Wall time per item against CPU per item: near 100 % busy, n8n's one thread is what limits the run.
	const wall = contenders.map((contender) => contender.windows.reduce((sum, [from, to]) => sum + to - from, 0) / (RUNS * ITEMS));
	row('wall time per item', wall.map((value) => us(value)), us(wall[0] - wall[1]));
	row("n8n's thread busy", perItem.map((cpu, index) => `${Math.round((total(cpu) / wall[index]) * 100)} %`), '');
	// The sandbox answers from this process: when it is near 100 %, the sandbox, not n8n, limits the run.
	const busy = (shares: number[]) => `${Math.round((shares.reduce((sum, share) => sum + share, 0) / shares.length) * 100)} %`;
	row("the sandbox's thread busy", contenders.map((contender) => busy(contender.sandboxBusy)), '');
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
