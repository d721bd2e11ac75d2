/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { spawn } from 'node:child_process';
import path from 'node:path';

import type { Harness } from '../harness/n8n';
import { ensureN8n, sandboxCredentialRef, startHarness, step } from '../harness/n8n';
import { batching, benchWorkflow, callBenchWorkflow, createHeaderCredential, floorNode, floorPackage, httpRequestNode, UNDER_TEST } from './contenders';
import { triggerRows } from './trigger';
import { MAX_CONCURRENCY } from '../../nodes/shared/limits';

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
 *    n8n's own Webhook node, on defaults and with the legacy expression engine
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
/** One at a time, the latency row is the latency 100 times over: fewer items keep its rounds short. */
const LATENCY_ONE_AT_A_TIME_ITEMS = 100;
const RATE_LIMIT = { limit: 10, windowMs: 1000 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface NodeRun {
	/** n8n's own execution time of the node. */
	ms: number;
	/** CPU time of n8n's main process over the whole execution (webhook, Split Out, the node, saving it). */
	cpuMs?: number;
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
		const cpuBefore = bench.harness.n8nCpuMs?.();
		await callBenchWorkflow(bench.harness, webhookPath, body);
		const cpuAfter = bench.harness.n8nCpuMs?.();
		const { body: list } = await bench.harness.api<{ data: Array<{ id: string }> }>(
			'GET',
			`/executions?workflowId=${workflowId}&limit=1`,
		);
		const { body: execution } = await bench.harness.api<{
			data: { resultData: { runData: Record<string, Array<{ executionTime: number; data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
		}>('GET', `/executions/${list.data[0].id}?includeData=true`);
		const [run] = execution.data.resultData.runData[UNDER_TEST];
		const output = run.data?.main[0] ?? [];
		const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
		return { ms: run.executionTime, cpuMs, items: output.length, failed: output.filter((item) => 'error' in item.json).length };
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
		sophiieMax: await workflow(bench, 'bench get: Sophiie, 32 concurrent', sophiie(bench, get(MAX_CONCURRENCY)), true),
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

/** One timed run of a contender: the node's time, and n8n's CPU time per item where the system tells it. */
interface Timing {
	ms: number;
	cpuPerItemMs?: number;
}

/** A node run that must return `expected` items and no failed one; its time. */
async function timed(runner: Runner, ids: string[] | undefined, expected: number, what: string): Promise<Timing> {
	const run = await runner(ids ? { ids } : {});
	if (run.items !== expected || run.failed > 0) {
		throw new Error(`${what}: ${run.items} items, ${run.failed} failed (expected ${expected}, 0 failed)`);
	}
	return { ms: run.ms, cpuPerItemMs: run.cpuMs === undefined ? undefined : run.cpuMs / expected };
}

/**
 * Rounds per repetition of each compared row. A round runs the row's
 * contenders back to back, the first one turning from round to round, and a
 * ratio is the median of the rounds' ratios: load that comes and goes on the
 * machine hits both sides of a round alike.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

type Contender = [name: string, run: () => Promise<Timing>];
/** Per row, per contender, its timings: one per round for the compared ones, in round order. */
type Timings = Record<string, Record<string, Timing[]>>;

const cpuNote = (timing: Timing) => (timing.cpuPerItemMs === undefined ? '' : `, n8n CPU ${timing.cpuPerItemMs.toFixed(2)} ms/item`);

function record(timings: Timings, row: string, name: string, timing: Timing) {
	((timings[row] ??= {})[name] ??= []).push(timing);
	log(`    ${row}, ${name}: ${ms(timing.ms)}${cpuNote(timing)}`);
}

async function rounds(timings: Timings, row: string, contenders: Contender[], rep: number) {
	for (let round = 0; round < ROUNDS; round++) {
		const first = (rep * ROUNDS + round) % contenders.length;
		for (const [name, run] of [...contenders.slice(first), ...contenders.slice(0, first)]) record(timings, row, name, await run());
	}
}

/**
 * The compared Get rows: each row's items, how many at a time the raw client
 * runs, and its contenders by workflow. Where a network lies between n8n and
 * Sophiie, HTTP Request has every item in flight: so does the Sophiie node at its most.
 */
function getRows(flows: Workflows, ids: string[]) {
	const latencyOne = ids.slice(0, LATENCY_ONE_AT_A_TIME_ITEMS);
	const latencyEight = ids.slice(0, LATENCY_ITEMS);
	return [
		{ row: 'get 1', latency: 0, list: ids, concurrency: 1, flows: { sophiie: flows.sophiie1, floor: flows.floor1, http: flows.http1 } },
		{ row: 'get 8', latency: 0, list: ids, concurrency: 8, flows: { sophiie: flows.sophiie8, floor: flows.floor8, http: flows.http8 } },
		{ row: 'latency 1', latency: LATENCY_MS, list: latencyOne, concurrency: 1, flows: { sophiie: flows.sophiie1, floor: flows.floor1 } },
		{ row: 'latency 8', latency: LATENCY_MS, list: latencyEight, concurrency: 8, flows: { sophiie: flows.sophiie8, floor: flows.floor8, http: flows.http8, sophiieMax: flows.sophiieMax } },
	];
}

/** One repetition of the speed rows: each compared row's rounds and its raw client, then the activities. */
async function speedRepetition(bench: Bench, flows: Workflows, ids: string[], busyLeadId: string, rep: number, timings: Timings) {
	const { sandbox } = bench.harness;
	const token = sandbox.seed.organizations.acme.token;
	for (const { row, latency, list, concurrency, flows: runners } of getRows(flows, ids)) {
		const contenders = Object.entries(runners).map(([name, runner]): Contender => [name, () => timed(runner, list, list.length, `${name} ${row}`)]);
		sandbox.setLatency(latency);
		try {
			await rounds(timings, row, contenders, rep);
			record(timings, row, 'raw', { ms: await rawClient(bench, ['get', sandbox.url, token, String(concurrency), list.join(',')]) });
		} finally {
			sandbox.setLatency(0);
		}
	}
	record(timings, 'all', 'sophiie', await timed(flows.sophiieAll, undefined, ACTIVITIES, 'Sophiie activities'));
	record(timings, 'all', 'http', await timed(flows.httpAll, undefined, ACTIVITIES / 100, 'HTTP pages'));
	record(timings, 'all', 'raw', { ms: await rawClient(bench, ['pages', sandbox.url, token, busyLeadId, '5']) });
}

/**
 * How many requests Sophiie accepted per window once the pacer had learned the
 * limit (from one window after the first 429 to the last request): a share
 * under the ceiling says whether the pacer learned the limit too low.
 */
function pacedPerWindow(requests: Array<{ status: number; at: string }>): number {
	const firstLimited = requests.find((request) => request.status === 429);
	if (!firstLimited) return Number.NaN;
	const from = Date.parse(firstLimited.at) + RATE_LIMIT.windowMs;
	const paced = requests
		.filter((request) => request.status !== 429)
		.map((request) => Date.parse(request.at))
		.filter((at) => at >= from);
	if (paced.length < 2) return Number.NaN;
	return ((paced.length - 1) / (paced[paced.length - 1] - paced[0])) * RATE_LIMIT.windowMs;
}

/** The sandbox's limit on, a run, the limit off and its window passed; with how many answers were 429, and the rate once paced. */
async function underRateLimit<T>(bench: Bench, what: string, run: () => Promise<T>): Promise<T & { limited: number; pacedPerWindow: number }> {
	const { sandbox } = bench.harness;
	sandbox.setRateLimit(RATE_LIMIT);
	sandbox.clearRequests();
	try {
		const outcome = await run();
		// How often the pacer ran into the limit: the first burst's 429s (how it learns the limit), and any while pacing.
		const requests = sandbox.requests();
		const limited = requests.filter((request) => request.status === 429).length;
		const paced = pacedPerWindow(requests);
		log(`    ${what}: ${limited} answers were 429; once paced, ${paced.toFixed(2)} accepted per ${RATE_LIMIT.windowMs} ms (limit ${RATE_LIMIT.limit})`);
		return { ...outcome, limited, pacedPerWindow: paced };
	} finally {
		sandbox.setRateLimit(null);
		await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT.windowMs));
	}
}

interface Throughput {
	perMinute: number;
	failed: number;
	/** Answers that were 429. */
	limited?: number;
	/** Requests accepted per window once paced. */
	pacedPerWindow?: number;
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
	const { limited, pacedPerWindow } = single;
	const shared = await underRateLimit(bench, `${SHARED_EXECUTIONS} executions`, () =>
		sharedRateLimit(bench, flows.sophiie1.webhookPath, flows.sophiie1.workflowId, ids.slice(0, SHARED_EXECUTIONS * SHARED_ITEMS)),
	);
	const singleSucceeded = single.items - single.failed;
	return {
		single: { perMinute: (singleSucceeded / single.ms) * 60_000, failed: RATE_LIMITED_ITEMS - singleSucceeded, limited, pacedPerWindow },
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

/** The middle half and the whole range of a row's round ratios, around their median. */
function spread(ratios: number[]): string {
	const sorted = [...ratios].sort((x, y) => x - y);
	const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
	return `middle half ${ratio(at(0.25))}–${ratio(at(0.75))}, all ${ratio(sorted[0])}–${ratio(sorted[sorted.length - 1])} over ${sorted.length} rounds`;
}

/** Per round, one contender's time over another's (the rounds of a row ran them back to back). */
const roundRatios = (row: Record<string, Timing[]>, over: string, under: string) => row[over].map((timing, round) => timing.ms / row[under][round].ms);

function versusFloor(row: Record<string, Timing[]>): string {
	const ratios = roundRatios(row, 'sophiie', 'floor');
	const middle = median(ratios);
	return `${ratio(middle)} the floor's time (${spread(ratios)}; target ≤ 1.15×: ${verdict(middle <= 1.15)})`;
}

/** HTTP Request's time over the Sophiie node's per round; `target` the least speed-up wanted. */
function versusHttp(row: Record<string, Timing[]>, target?: number, sophiie = 'sophiie'): string {
	const ratios = roundRatios(row, 'http', sophiie);
	const middle = median(ratios);
	const goal = target === undefined ? '' : `; target ≥ ${ratio(target)} faster: ${verdict(middle >= target)}`;
	// The spread reads the same way round as the median: how much faster the faster one was.
	const shown = middle >= 1 ? ratios : ratios.map((value) => 1 / value);
	return `${versusHttpRequest(middle)} (${spread(shown)}${goal})`;
}

const CONTENDER_NAMES: Record<string, string> = {
	sophiie: 'Sophiie',
	sophiieMax: `Sophiie at ${MAX_CONCURRENCY} at a time`,
	floor: 'floor',
	http: "HTTP Request (every item's request at once)",
	raw: 'raw',
};

/** Each contender's median time, and n8n's median CPU per item where measured. */
function measured(row: Record<string, Timing[]>): string {
	return Object.entries(row)
		.map(([name, timings]) => {
			const cpu = timings.flatMap((timing) => (timing.cpuPerItemMs === undefined ? [] : [timing.cpuPerItemMs]));
			return `${CONTENDER_NAMES[name] ?? name} ${ms(median(timings.map((timing) => timing.ms)))}${cpu.length ? ` (n8n CPU ${median(cpu).toFixed(2)} ms/item)` : ''}`;
		})
		.join(', ');
}

function speedRows(timings: Timings): string[][] {
	const get = `Get × ${GET_ITEMS.toLocaleString('en-US')}`;
	const slow = (items: number) => `Get × ${items} with ${LATENCY_MS} ms latency`;
	const all = timings.all;
	const middle = (name: string) => median(all[name].map((timing) => timing.ms));
	return [
		[`${get}, one at a time`, measured(timings['get 1']), `${versusFloor(timings['get 1'])}; ${versusHttp(timings['get 1'], 1.5)}`],
		[`${get}, 8 at a time`, measured(timings['get 8']), `${versusFloor(timings['get 8'])}; ${versusHttp(timings['get 8'])}`],
		[`${slow(LATENCY_ONE_AT_A_TIME_ITEMS)}, one at a time`, measured(timings['latency 1']), versusFloor(timings['latency 1'])],
		[`${slow(LATENCY_ITEMS)}, 8 at a time`, measured(timings['latency 8']), `${versusFloor(timings['latency 8'])}; at 8: ${versusHttp(timings['latency 8'])}; at ${MAX_CONCURRENCY}: ${versusHttp(timings['latency 8'], 1.2, 'sophiieMax')}`],
		[`List Activities, Return All, ${ACTIVITIES.toLocaleString('en-US')}`, `Sophiie ${ms(middle('sophiie'))}, HTTP Request pagination ${ms(middle('http'))}, raw ${ms(middle('raw'))}`, `${ratio(middle('sophiie') / middle('raw'))} the raw client's time; ${versusHttpRequest(middle('http') / middle('sophiie'))}`],
	];
}

function rateRows(limited: Array<Awaited<ReturnType<typeof rateLimitedRepetition>>>): string[][] {
	const row = (label: string, runs: Throughput[]) => {
		const shares = runs.map((run) => (run.perMinute / ceiling) * 100);
		const failed = runs.reduce((sum, run) => sum + run.failed, 0);
		const met = Math.min(...shares) >= 95 && failed === 0;
		const limited = runs.map((run) => run.limited ?? 0).join(', ');
		const paced = runs.map((run) => (run.pacedPerWindow ?? Number.NaN).toFixed(2)).join(', ');
		return [label, `${shares.map((share) => `${share.toFixed(1)} %`).join(', ')} of the ceiling; ${failed} items failed; answers 429: ${limited}; accepted per window once paced: ${paced} (limit ${RATE_LIMIT.limit})`, `lowest ${Math.min(...shares).toFixed(1)} % (target ≥ 95 % and 0 failed in every repetition: ${verdict(met)})`];
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

/** Runs every benchmark workflow once, so that no contender's first measured run pays for n8n loading and compiling its code. */
async function warmUp(flows: Workflows, ids: string[]) {
	for (const runner of Object.values(flows)) await runner({ ids: ids.slice(0, 100) });
}

/** The speed, memory and rate-limit rows, in the benchmark's own n8n. */
async function nodeRows(): Promise<string[][]> {
	const bench = await benchSetup();
	try {
		const { ids, busyLeadId } = prepareData(bench);
		const flows = await step(log, 'create the benchmark workflows', () => createWorkflows(bench, busyLeadId));
		await step(log, 'warm up: each benchmark workflow once, unmeasured', () => warmUp(flows, ids));
		const timings: Timings = {};
		const limited: Array<Awaited<ReturnType<typeof rateLimitedRepetition>>> = [];
		for (let rep = 1; rep <= REPETITIONS; rep++) {
			await step(log, `repetition ${rep} of ${REPETITIONS}: speed`, () => speedRepetition(bench, flows, ids, busyLeadId, rep, timings));
			limited.push(await step(log, `repetition ${rep} of ${REPETITIONS}: rate limits`, () => rateLimitedRepetition(bench, flows, ids)));
		}
		const memory = await step(log, 'peak memory of an in-process Return All', () => memoryRow(bench, busyLeadId));
		return [...speedRows(timings), memory, ...rateRows(limited)];
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
		`\nn8n-nodes-sophiie benchmark, n8n ${version}: ${REPETITIONS} repetitions of ${ROUNDS} rounds; a ratio is the median of its rounds' ratios (each round runs its contenders back to back); node times are n8n's own execution time of the node, CPU is n8n's main process over the whole execution\n\n` +
			'| Scenario | Measured | Ratio |\n| --- | --- | --- |\n' +
			rows.map((row) => `| ${row.join(' | ')} |`).join('\n') +
			'\n',
	);
}

main().catch((error: Error) => {
	log(error.stack ?? error.message);
	process.exit(1);
});
