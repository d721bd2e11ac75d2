/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sandboxCredentialRef, startHarness, step } from './n8n-harness';
import { webhookNode } from './workflow-nodes';

/**
 * `npm run bench:profile`: where n8n's main process spends its CPU while the
 * Sophiie node runs Get × 1,000 (one at a time), from a V8 CPU profile of that
 * process (`--cpu-prof`), counting only the samples taken during the run.
 * Each sample goes to the category of the innermost frame that has one: this
 * package's code, n8n's expression evaluation, n8n's request helper (with
 * axios and Node's HTTP), or the rest of n8n (including garbage collection).
 */

const ITEMS = 1000;
const RUNS = 3;

const CATEGORIES: Array<[string, RegExp]> = [
	['this package', /\/n8n-nodes-sophiie\/dist\//],
	['n8n expression evaluation', /n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions)|@n8n\/(tournament|expression-runtime)|isolated-vm/],
	['n8n request helper, axios, Node HTTP', /request-helper|\/axios\/|follow-redirects|node:_http|node:net|node:internal\/(http|streams|dns)|node:stream/],
];

interface ProfileNode {
	id: number;
	callFrame: { url: string; functionName: string };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

function categoryOf(nodeId: number, nodes: Map<number, ProfileNode>, parents: Map<number, number>): string | undefined {
	for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
		const { url, functionName } = nodes.get(id)!.callFrame;
		if (functionName === '(idle)') return undefined;
		const found = CATEGORIES.find(([, pattern]) => pattern.test(url));
		if (found) return found[0];
	}
	return 'the rest of n8n';
}

/** Sample counts per category within [fromUs, toUs] of the profile's clock. */
function shares(profile: Profile, fromUs: number, toUs: number): Record<string, number> {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
	const counts: Record<string, number> = {};
	let at = profile.startTime;
	profile.samples.forEach((sample, index) => {
		at += profile.timeDeltas[index];
		if (at < fromUs || at > toUs) return;
		const category = categoryOf(sample, nodes, parents);
		if (category) counts[category] = (counts[category] ?? 0) + 1;
	});
	return counts;
}

async function main() {
	const log = (line: string) => process.stderr.write(`${line}\n`);
	const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-profile-'));
	const harness = await startHarness({ log, env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` } });
	const windows: Array<[number, number]> = [];
	try {
		const webhookPath = `profile-${Date.now()}`;
		const leads = harness.sandbox.store.listLeads('org_acme');
		const ids = Array.from({ length: ITEMS }, (_, index) => leads[index % leads.length].id);
		const { body } = await harness.api<{ id: string }>('POST', '/workflows', {
			name: 'profile: Sophiie Get',
			settings: { executionOrder: 'v1' },
			nodes: [
				webhookNode(webhookPath, { responseMode: 'lastNode', responseData: 'noData' }),
				{ id: 'split', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.ids', options: {} } },
				{ id: 'get', name: 'Get', type: 'n8n-nodes-sophiie.sophiie', typeVersion: 1, position: [440, 0], parameters: { resource: 'lead', operation: 'get', leadId: { __rl: true, mode: 'id', value: "={{ $json['body.ids'] }}" } }, credentials: { sophiieApi: sandboxCredentialRef(harness.credentialId) } },
			],
			connections: { Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] }, Split: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
		});
		await harness.api('POST', `/workflows/${body.id}/activate`);
		for (let run = 0; run <= RUNS; run++) {
			const started = process.hrtime.bigint();
			await step(log, run === 0 ? 'warm-up run' : `profiled run ${run} of ${RUNS}`, async () => {
				for (let attempt = 0; ; attempt++) {
					const response = await fetch(`${harness.n8nUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ids }) });
					await response.text();
					if (response.status === 200) break;
					if (response.status !== 404 || attempt > 50) throw new Error(`The profiled workflow answered ${response.status}`);
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
			});
			if (run > 0) windows.push([Number(started / 1000n), Number(process.hrtime.bigint() / 1000n)]);
		}
	} finally {
		await harness.stop();
	}
	report(profiles, windows);
}

function report(dir: string, windows: Array<[number, number]>) {
	const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	const totals: Record<string, number> = {};
	for (const file of files) {
		const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
		for (const [from, to] of windows) for (const [name, count] of Object.entries(shares(profile, from, to))) totals[name] = (totals[name] ?? 0) + count;
	}
	const all = Object.values(totals).reduce((sum, count) => sum + count, 0);
	if (all === 0) throw new Error(`No profile samples fell in the runs (${files.length} profiles in ${dir})`);
	process.stdout.write(`\nCPU of n8n's processes during ${RUNS} runs of Get × ${ITEMS} (${all} samples, idle excluded)\n\n| Where | Share |\n| --- | --- |\n`);
	for (const [name, count] of Object.entries(totals).sort((a, b) => b[1] - a[1])) {
		process.stdout.write(`| ${name} | ${((count / all) * 100).toFixed(1)} % |\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
