/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { spawn } from 'node:child_process';
import path from 'node:path';

import type { Harness } from '../harness/n8n';
import { ensureN8n, sandboxCredentialRef, startHarness, step } from '../harness/n8n';
import { batching, benchWorkflow, callBenchWorkflow, createHeaderCredential, floorNode, floorPackage, httpRequestNode, UNDER_TEST } from './contenders';
import { triggerRows } from './trigger';

/**
 * `npm run bench`: the Sophiie node against the alternatives, measured side by
 * side in one run against the sandbox on 127.0.0.1, in real n8n. Contenders
 * alternate within each repetition; medians are reported. Prints one table of
 * figures, ratios and targets (a benchmark, not a test: nothing here fails a build).
 *
 * 1. Get Lead per item, at 1 and 8 at a time, on loopback and with 20 ms of
 *    simulated latency, against the floor inside n8n (a minimal node that
 *    reads one parameter and calls n8n's request helper: floor.node.ts),
 *    the HTTP Request node, and a raw keep-alive client outside n8n.
 * 2. List Activities → Return All over 10,000 activities, and its peak memory.
 * 3. Rate limits as in production, one key, 600 requests/minute: one execution
 *    of 300 items, and 8 executions of 60 items started together; every
 *    repetition must succeed in full.
 * 4. Trigger throughput: a burst of deliveries into the Sophiie Trigger against
 *    n8n's own Webhook node, on defaults and with the recommended settings
 *    (trigger.ts).
 */

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const GET_ITEMS = 1000;
const ACTIVITIES = 10_000;
const RATE_LIMITED_ITEMS = 300;
/** Executions started together against one key, and the items each. */
const SHARED_EXECUTIONS = 8;
const SHARED_ITEMS = 60;
/** Concurrency pays off where a network lies between n8n and Sophiie: this much, simulated. */
const LATENCY_MS = 20;
const LATENCY_ITEMS = 300;
const RATE_LIMIT = { limit: 10, windowMs: 1000 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface NodeRun {
	ms: number;
	items: number;
	failed: number;
}

interface Bench {
	harness: Harness;
	nodeBin: string;
	sophiieCredential: { id: string; name: string };
	headerCredential: { id: string; name: string };
}

type NodeSpec = { type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: Record<string, unknown> };

/** The benchmark workflow of `node` (benchWorkflow), and a runner that calls it and reads the node's run back. */
async function workflow(bench: Bench, name: string, node: NodeSpec, splitIds: boolean) {
	const { workflowId, webhookPath } = await benchWorkflow(bench.harness, name, node, splitIds);
	const run = async (body: Record<string, unknown>): Promise<NodeRun> => {
		await callBenchWorkflow(bench.harness, webhookPath, body);
		const { body: list } = await bench.harness.api<{ data: Array<{ id: string }> }>(
			'GET',
			`/executions?workflowId=${workflowId}&limit=1`,
		);
		const { body: execution } = await bench.harness.api<{
			data: { resultData: { runData: Record<string, Array<{ executionTime: number; data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
		}>('GET', `/executions/${list.data[0].id}?includeData=true`);
		const [run] = execution.data.resultData.runData[UNDER_TEST];
		const output = run.data?.main[0] ?? [];
		return { ms: run.executionTime, items: output.length, failed: output.filter((item) => 'error' in item.json).length };
	};
	return Object.assign(run, { webhookPath, workflowId });
}

/**
 * Runs a helper script on n8n's Node and returns what it printed as JSON. Never
 * synchronously: the sandbox answering it lives in this process's event loop.
 */
function runChild<T>(bench: Bench, args: string[]): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = spawn(bench.nodeBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve(JSON.parse(stdout) as T) : reject(new Error(`${args[0]} failed (${code}): ${stderr}`)),
		);
	});
}

async function rawClient(bench: Bench, args: string[]): Promise<number> {
	return (await runChild<{ ms: number }>(bench, [path.join(__dirname, 'raw-client.js'), ...args])).ms;
}

/** Peak RSS growth of the raw client holding the same activities: what the items alone cost. */
async function rawClientMemory(bench: Bench, args: string[]): Promise<number> {
	const result = await runChild<{ rssGrowth: number }>(bench, [
		'--expose-gc',
		path.join(__dirname, 'raw-client.js'),
		...args,
	]);
	return result.rssGrowth;
}

function sophiie(bench: Bench, parameters: Record<string, unknown>): NodeSpec {
	return { type: 'n8n-nodes-sophiie.sophiie', typeVersion: 1, parameters, credentials: { sophiieApi: bench.sophiieCredential } };
}

function httpRequest(bench: Bench, url: string, options: Record<string, unknown>, qs?: Record<string, string>): NodeSpec {
	return httpRequestNode(url, bench.headerCredential, options, qs);
}

function floor(bench: Bench, concurrency: number): NodeSpec {
	return floorNode(bench.harness.sandbox.url, bench.harness.sandbox.seed.organizations.acme.token, concurrency);
}

type Runner = Awaited<ReturnType<typeof workflow>>;

/** Every workflow the benchmark runs, created and activated once. */
async function createWorkflows(bench: Bench, busyLeadId: string) {
	const { sandbox } = bench.harness;
	const leadUrl = `=${sandbox.url}/v1/leads/{{ $json['body.ids'] }}`;
	const get = (concurrency: number) => ({
		resource: 'lead',
		operation: 'get',
		leadId: { __rl: true, mode: 'id', value: "={{ $json['body.ids'] }}" },
		options: { concurrency },
	});
	const pagination = {
		pagination: {
			parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
			paginationCompleteWhen: 'other',
			completeExpression: '={{ $response.body.currentPage >= $response.body.totalPages }}',
			limitPagesFetched: false,
		},
	};
	const activities = { resource: 'lead', operation: 'listActivities', leadId: { __rl: true, mode: 'id', value: busyLeadId }, returnAll: true };
	return {
		sophiie1: await workflow(bench, 'bench get: Sophiie, 1 at a time', sophiie(bench, get(1)), true),
		sophiie8: await workflow(bench, 'bench get: Sophiie, 8 concurrent', sophiie(bench, get(8)), true),
		floor1: await workflow(bench, 'bench get: floor, 1 at a time', floor(bench, 1), true),
		floor8: await workflow(bench, 'bench get: floor, 8 concurrent', floor(bench, 8), true),
		http1: await workflow(bench, 'bench get: HTTP Request, batches of 1', httpRequest(bench, leadUrl, batching(1)), true),
		http8: await workflow(bench, 'bench get: HTTP Request, batches of 8', httpRequest(bench, leadUrl, batching(8)), true),
		sophiieAll: await workflow(bench, 'bench activities: Sophiie', sophiie(bench, activities), false),
		httpAll: await workflow(
			bench,
			'bench activities: HTTP Request pagination',
			httpRequest(bench, `${sandbox.url}/v1/leads/${busyLeadId}/activities`, { pagination }, { limit: '100' }),
			false,
		),
	};
}

type Workflows = Awaited<ReturnType<typeof createWorkflows>>;

/** A node run that must return `expected` items and no failed one; its time. */
async function timed(runner: Runner, ids: string[] | undefined, expected: number, what: string): Promise<number> {
	const run = await runner(ids ? { ids } : {});
	if (run.items !== expected || run.failed > 0) {
		throw new Error(`${what}: ${run.items} items, ${run.failed} failed (expected ${expected}, 0 failed)`);
	}
	return run.ms;
}

/** Runs of the Sophiie node and of the floor with each other, in pairs back to back. */
const PAIRS_WITH_FLOOR = 3;

/**
 * PAIRS_WITH_FLOOR pairs of runs, Sophiie and the floor back to back, which
 * one goes first alternating: the ratio to the floor is the median of the
 * pairs' ratios, so load that comes and goes on the machine hits both sides of
 * a pair alike. `key` names the timings, with %s for the contender.
 */
function withFloor(sophiie: Runner, floor: Runner, key: string, ids: string[]): Array<[string, () => Promise<number>]> {
	const runs: Array<[string, () => Promise<number>]> = [];
	for (let pair = 0; pair < PAIRS_WITH_FLOOR; pair++) {
		const sides: Array<[string, () => Promise<number>]> = [
			[key.replace('%s', 'sophiie'), () => timed(sophiie, ids, ids.length, `Sophiie ${key}`)],
			[key.replace('%s', 'floor'), () => timed(floor, ids, ids.length, `floor ${key}`)],
		];
		runs.push(...(pair % 2 === 0 ? sides : sides.reverse()));
	}
	return runs;
}

/** One repetition of the speed rows; contenders alternate order from one repetition to the next. */
async function speedRepetition(bench: Bench, flows: Workflows, ids: string[], busyLeadId: string, rep: number) {
	const { sandbox } = bench.harness;
	const token = sandbox.seed.organizations.acme.token;
	const few = ids.slice(0, LATENCY_ITEMS);
	const gets = (prefix: string, list: string[]): Array<[string, () => Promise<number>]> => [
		...withFloor(flows.sophiie1, flows.floor1, `${prefix} %s 1`, list),
		...withFloor(flows.sophiie8, flows.floor8, `${prefix} %s 8`, list),
		[`${prefix} http 8`, () => timed(flows.http8, list, list.length, 'HTTP get x8')],
		[`${prefix} raw 8`, () => rawClient(bench, ['get', sandbox.url, token, '8', list.join(',')])],
	];
	const loopback: Array<[string, () => Promise<number>]> = [
		...gets('get', ids),
		['get http 1', () => timed(flows.http1, ids, ids.length, 'HTTP get')],
		['get raw 1', () => rawClient(bench, ['get', sandbox.url, token, '1', ids.join(',')])],
		['all sophiie', () => timed(flows.sophiieAll, undefined, ACTIVITIES, 'Sophiie activities')],
		['all http', () => timed(flows.httpAll, undefined, ACTIVITIES / 100, 'HTTP pages')],
		['all raw', () => rawClient(bench, ['pages', sandbox.url, token, busyLeadId, '5'])],
	];
	const timings: Array<[string, number]> = [];
	const runAll = async (contenders: Array<[string, () => Promise<number>]>) => {
		for (const [key, run] of rep % 2 === 0 ? [...contenders].reverse() : contenders) {
			const measured = await run();
			log(`    ${key}: ${ms(measured)}`);
			timings.push([key, measured]);
		}
	};
	await runAll(loopback);
	sandbox.setLatency(LATENCY_MS);
	await runAll(gets('latency', few));
	sandbox.setLatency(0);
	return timings;
}

/** The sandbox's limit on, a run, the limit off and its window passed. */
async function underRateLimit<T>(bench: Bench, what: string, run: () => Promise<T>): Promise<T> {
	const { sandbox } = bench.harness;
	sandbox.setRateLimit(RATE_LIMIT);
	sandbox.clearRequests();
	try {
		return await run();
	} finally {
		// How often the pacer still ran into the limit: the first burst's 429s, and any while pacing.
		const limited = sandbox.requests().filter((request) => request.status === 429).length;
		log(`    ${what}: ${limited} answers were 429`);
		sandbox.setRateLimit(null);
		await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT.windowMs));
	}
}

interface Throughput {
	perMinute: number;
	failed: number;
}

/** SHARED_EXECUTIONS executions of the same webhook workflow started together, one key: items per minute over the wall time. */
async function sharedRateLimit(bench: Bench, webhookPath: string, workflowId: string, ids: string[]): Promise<Throughput> {
	const started = performance.now();
	await Promise.all(
		Array.from({ length: SHARED_EXECUTIONS }, (_, index) =>
			callBenchWorkflow(bench.harness, webhookPath, { ids: ids.slice(index * SHARED_ITEMS, (index + 1) * SHARED_ITEMS) }),
		),
	);
	const wallMs = performance.now() - started;
	const { body } = await bench.harness.api<{ data: Array<{ id: string }> }>(
		'GET',
		`/executions?workflowId=${workflowId}&limit=${SHARED_EXECUTIONS}`,
	);
	let succeeded = 0;
	let failed = 0;
	for (const { id } of body.data) {
		const { body: execution } = await bench.harness.api<{
			data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
		}>('GET', `/executions/${id}?includeData=true`);
		const output = execution.data.resultData.runData[UNDER_TEST][0].data?.main[0] ?? [];
		failed += output.filter((item) => 'error' in item.json).length;
		succeeded += output.filter((item) => !('error' in item.json)).length;
	}
	failed += SHARED_EXECUTIONS * SHARED_ITEMS - succeeded - failed;
	return { perMinute: (succeeded / wallMs) * 60_000, failed };
}

/** Both rate-limited rows, once per repetition: one execution, then several together on one key. */
async function rateLimitedRepetition(bench: Bench, flows: Workflows, ids: string[]) {
	const single = await underRateLimit(bench, '1 execution', () => flows.sophiie1({ ids: ids.slice(0, RATE_LIMITED_ITEMS) }));
	const shared = await underRateLimit(bench, `${SHARED_EXECUTIONS} executions`, () =>
		sharedRateLimit(bench, flows.sophiie1.webhookPath, flows.sophiie1.workflowId, ids.slice(0, SHARED_EXECUTIONS * SHARED_ITEMS)),
	);
	return {
		single: { perMinute: ((single.items - single.failed) / single.ms) * 60_000, failed: single.failed + RATE_LIMITED_ITEMS - single.items },
		shared,
	};
}

const ceiling = RATE_LIMIT.limit * (60_000 / RATE_LIMIT.windowMs);
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
/** HTTP Request's time over the Sophiie node's, said the right way round. */
const versusHttpRequest = (speedup: number) =>
	speedup >= 1 ? `${ratio(speedup)} faster than HTTP Request` : `HTTP Request ${ratio(1 / speedup)} faster`;

type Timings = Record<string, number[]>;
type Medians = Record<string, number>;

/** The median of the Sophiie/floor ratios of the pairs run back to back (withFloor), and the range of them. */
function floorRatio(timings: Timings, prefix: string, n: 1 | 8): string {
	const sophiie = timings[`${prefix} sophiie ${n}`];
	const ratios = sophiie.map((ms, pair) => ms / timings[`${prefix} floor ${n}`][pair]);
	const middle = median(ratios);
	const range = `${ratio(Math.min(...ratios))}–${ratio(Math.max(...ratios))} over ${ratios.length} pairs`;
	return `${ratio(middle)} the floor's time (${range}; target ≤ 1.15×: ${verdict(middle <= 1.15)})`;
}

function speedRows(timings: Timings, m: Medians): string[][] {
	const get = `Get × ${GET_ITEMS.toLocaleString('en-US')}`;
	const slow = `Get × ${LATENCY_ITEMS} with ${LATENCY_MS} ms latency`;
	const contenders = (prefix: string, n: 1 | 8) =>
		`Sophiie ${ms(m[`${prefix} sophiie ${n}`])}, floor ${ms(m[`${prefix} floor ${n}`])}` +
		(m[`${prefix} http ${n}`] ? `, HTTP Request ${n === 1 ? 'one at a time' : 'batches of 8'} ${ms(m[`${prefix} http ${n}`])}` : '') +
		(m[`${prefix} raw ${n}`] ? `, raw ${ms(m[`${prefix} raw ${n}`])}` : '');
	const faster = (prefix: string, n: 1 | 8) => versusHttpRequest(m[`${prefix} http ${n}`] / m[`${prefix} sophiie ${n}`]);
	const versusHttp = m['latency http 8'] / m['latency sophiie 8'];
	return [
		[`${get}, one at a time`, contenders('get', 1), `${floorRatio(timings, 'get', 1)}; ${faster('get', 1)}`],
		[`${get}, 8 at a time`, contenders('get', 8), `${floorRatio(timings, 'get', 8)}; ${faster('get', 8)}`],
		[`${slow}, one at a time`, contenders('latency', 1), floorRatio(timings, 'latency', 1)],
		[`${slow}, 8 at a time`, contenders('latency', 8), `${floorRatio(timings, 'latency', 8)}; ${versusHttpRequest(versusHttp)} (target ≥ 1.2× faster: ${verdict(versusHttp >= 1.2)})`],
		[`List Activities, Return All, ${ACTIVITIES.toLocaleString('en-US')}`, `Sophiie ${ms(m['all sophiie'])}, HTTP Request pagination ${ms(m['all http'])}, raw ${ms(m['all raw'])}`, `${ratio(m['all sophiie'] / m['all raw'])} the raw client's time; ${versusHttpRequest(m['all http'] / m['all sophiie'])}`],
	];
}

function rateRows(limited: Array<Awaited<ReturnType<typeof rateLimitedRepetition>>>): string[][] {
	const row = (label: string, runs: Throughput[]) => {
		const shares = runs.map((run) => (run.perMinute / ceiling) * 100);
		const failed = runs.reduce((sum, run) => sum + run.failed, 0);
		const met = Math.min(...shares) >= 95 && failed === 0;
		return [label, `${shares.map((share) => `${share.toFixed(0)} %`).join(', ')} of the ceiling; ${failed} items failed`, `lowest ${Math.min(...shares).toFixed(0)} % (target ≥ 95 % and 0 failed in every repetition: ${verdict(met)})`];
	};
	return [
		row(`Rate limited ${ceiling}/min: 1 execution × ${RATE_LIMITED_ITEMS} items`, limited.map((run) => run.single)),
		row(`Rate limited ${ceiling}/min, one key: ${SHARED_EXECUTIONS} executions × ${SHARED_ITEMS} items at once`, limited.map((run) => run.shared)),
	];
}

/** The busy lead gets ACTIVITIES activities; the Get ids cycle through the leads. */
function prepareData(bench: Bench) {
	const { store } = bench.harness.sandbox;
	const leads = store.listLeads('org_acme');
	const ids = Array.from({ length: GET_ITEMS }, (_, index) => leads[index % leads.length].id);
	const busyLeadId = leads[100].id;
	for (let n = store.listActivities(busyLeadId).length; n < ACTIVITIES; n++) {
		store.addActivity(busyLeadId, { event: 'LEAD_UPDATED', data: `Benchmark activity ${n}`, referenceId: busyLeadId, userId: 'usr_acme1', createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString() });
	}
	return { ids, busyLeadId };
}

async function memoryRow(bench: Bench, busyLeadId: string): Promise<string[]> {
	const { url, seed } = bench.harness.sandbox;
	const token = seed.organizations.acme.token;
	const memory = await runChild<{ outputBytes: number; rssGrowth: number; heapGrowth: number }>(bench, ['--expose-gc', path.join(__dirname, 'memory.js'), url, token, busyLeadId]);
	const raw = await rawClientMemory(bench, ['pages', url, token, busyLeadId, '5']);
	const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
	return ['Memory of that Return All (in-process)', `output JSON ${mb(memory.outputBytes)}; peak RSS growth ${mb(memory.rssGrowth)} (heap ${mb(memory.heapGrowth)}); the raw client holding the same items: ${mb(raw)}`, `RSS growth ${ratio(memory.rssGrowth / memory.outputBytes)} the output`];
}

async function benchSetup(): Promise<Bench> {
	const install = await ensureN8n(log);
	const harness = await startHarness({ log, extraPackages: [floorPackage()] });
	const token = harness.sandbox.seed.organizations.acme.token;
	const headerCredential = await createHeaderCredential(harness, token);
	return {
		harness,
		nodeBin: install.nodeBin,
		sophiieCredential: sandboxCredentialRef(harness.credentialId),
		headerCredential,
	};
}

/** The speed, memory and rate-limit rows, in the benchmark's own n8n. */
async function nodeRows(): Promise<string[][]> {
	const bench = await benchSetup();
	try {
		const { ids, busyLeadId } = prepareData(bench);
		const flows = await step(log, 'create the benchmark workflows', () => createWorkflows(bench, busyLeadId));
		const timings: Timings = {};
		const limited: Array<Awaited<ReturnType<typeof rateLimitedRepetition>>> = [];
		for (let rep = 1; rep <= REPETITIONS; rep++) {
			await step(log, `repetition ${rep} of ${REPETITIONS}: speed`, async () => {
				for (const [key, value] of await speedRepetition(bench, flows, ids, busyLeadId, rep)) (timings[key] ??= []).push(value);
			});
			limited.push(await step(log, `repetition ${rep} of ${REPETITIONS}: rate limits`, () => rateLimitedRepetition(bench, flows, ids)));
		}
		const memory = await step(log, 'peak memory of an in-process Return All', () => memoryRow(bench, busyLeadId));
		const medians = Object.fromEntries(Object.entries(timings).map(([key, values]) => [key, median(values)]));
		return [...speedRows(timings, medians), memory, ...rateRows(limited)];
	} finally {
		await bench.harness.stop();
	}
}

/** With BENCH_STRICT=1 the run fails when a row misses its target; by default it only reports. */
function exitOnMissedTargets(rows: string[][]) {
	const missed = rows.filter((row) => row.some((cell) => cell.includes(': missed')));
	if (missed.length === 0) return;
	log(`\n${missed.length} target(s) missed: ${missed.map((row) => row[0]).join('; ')}`);
	if (process.env.BENCH_STRICT === '1') process.exitCode = 1;
}

async function main() {
	const rows = await nodeRows();
	rows.push(...(await step(log, 'trigger bursts, each setting in its own n8n', () => triggerRows(log))));
	const version = (await ensureN8n(log)).version;
	exitOnMissedTargets(rows);
	process.stdout.write(
		`\nn8n-nodes-sophiie benchmark, n8n ${version}: medians of ${REPETITIONS} repetitions, ratios to the floor medians of ${REPETITIONS * PAIRS_WITH_FLOOR} pairs run back to back; node times are n8n's own execution time of the node\n\n` +
			'| Scenario | Measured | Ratio |\n| --- | --- | --- |\n' +
			rows.map((row) => `| ${row.join(' | ')} |`).join('\n') +
			'\n',
	);
}

main().catch((error: Error) => {
	log(error.stack ?? error.message);
	process.exit(1);
});
