/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import type { Harness } from './n8n-harness';
import { ensureN8n, sandboxCredentialRef, startHarness, step } from './n8n-harness';
import { webhookNode } from './workflow-nodes';

/**
 * `npm run bench`: the Sophiie node against the alternatives, measured side by
 * side in one run against the sandbox on 127.0.0.1, in real n8n. Contenders
 * alternate within each repetition; medians are reported. Prints one table of
 * figures and ratios (a benchmark, not a test: nothing here fails a build).
 *
 * 1. Get Lead × 1,000 items: Sophiie node sequential and with 8 concurrent
 *    requests, the HTTP Request node (header auth) one at a time and in batches
 *    of 8, and a raw keep-alive client at 1 and 8.
 * 2. List Activities → Return All over 10,000 activities: Sophiie node, HTTP
 *    Request node with its pagination options, raw client; plus peak memory of
 *    an in-process run against the output's JSON size.
 * 3. Rate limited (600 requests/minute, as 10 per second): items per minute
 *    reached as a share of the ceiling, and failed items, for both nodes.
 * On 127.0.0.1 a request costs almost no waiting, so concurrency can only
 * spread CPU work over the machine's cores; the same Get is therefore also
 * measured with a simulated network latency, where concurrency counts.
 */

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const GET_ITEMS = 1000;
const ACTIVITIES = 10_000;
const RATE_LIMITED_ITEMS = 300;
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

type NodeSpec = { type: string; typeVersion: number; parameters: Record<string, unknown>; credentials: Record<string, unknown> };

/** Webhook (answers when done) → optional Split Out of `ids` → the node under test. Returns a runner. */
async function workflow(bench: Bench, name: string, node: NodeSpec, splitIds: boolean) {
	const webhookPath = `bench-${randomUUID()}`;
	const nodes: Record<string, unknown>[] = [
		webhookNode(webhookPath, { responseMode: 'lastNode', responseData: 'noData' }),
		{ id: randomUUID(), name: 'Under test', position: [440, 0], onError: 'continueRegularOutput', ...node },
	];
	const connections: Record<string, unknown> = {};
	if (splitIds) {
		nodes.push({
			id: randomUUID(),
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.ids', options: {} },
		});
		connections.Webhook = { main: [[{ node: 'Split', type: 'main', index: 0 }]] };
		connections.Split = { main: [[{ node: 'Under test', type: 'main', index: 0 }]] };
	} else {
		connections.Webhook = { main: [[{ node: 'Under test', type: 'main', index: 0 }]] };
	}
	const created = await bench.harness.api<{ id: string }>('POST', '/workflows', {
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	});
	if (created.status !== 200) throw new Error(`Creating ${name} failed: ${JSON.stringify(created.body)}`);
	const workflowId = created.body.id;
	await bench.harness.api('POST', `/workflows/${workflowId}/activate`);

	return async (body: Record<string, unknown>): Promise<NodeRun> => {
		for (let attempt = 0; ; attempt++) {
			const response = await fetch(`${bench.harness.n8nUrl}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			await response.text();
			if (response.status !== 404) break;
			if (attempt > 50) throw new Error(`The webhook of ${name} never registered`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const { body: list } = await bench.harness.api<{ data: Array<{ id: string }> }>(
			'GET',
			`/executions?workflowId=${workflowId}&limit=1`,
		);
		const { body: execution } = await bench.harness.api<{
			data: { resultData: { runData: Record<string, Array<{ executionTime: number; data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
		}>('GET', `/executions/${list.data[0].id}?includeData=true`);
		const [run] = execution.data.resultData.runData['Under test'];
		const output = run.data?.main[0] ?? [];
		return { ms: run.executionTime, items: output.length, failed: output.filter((item) => 'error' in item.json).length };
	};
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
	return (await runChild<{ ms: number }>(bench, [path.join(__dirname, 'bench-raw-client.js'), ...args])).ms;
}

/** Peak RSS growth of the raw client holding the same activities: what the items alone cost. */
async function rawClientMemory(bench: Bench, args: string[]): Promise<number> {
	const result = await runChild<{ rssGrowth: number }>(bench, [
		'--expose-gc',
		path.join(__dirname, 'bench-raw-client.js'),
		...args,
	]);
	return result.rssGrowth;
}

function sophiie(bench: Bench, parameters: Record<string, unknown>): NodeSpec {
	return { type: 'n8n-nodes-sophiie.sophiie', typeVersion: 1, parameters, credentials: { sophiieApi: bench.sophiieCredential } };
}

function httpRequest(bench: Bench, url: string, options: Record<string, unknown>, qs?: Record<string, string>): NodeSpec {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: Boolean(qs),
			queryParameters: { parameters: Object.entries(qs ?? {}).map(([name, value]) => ({ name, value })) },
			options,
		},
		credentials: { httpHeaderAuth: bench.headerCredential },
	};
}

const batching = (batchSize: number) => ({ batching: { batch: { batchSize, batchInterval: 0 } } });

async function main() {
	const install = await ensureN8n(log);
	const harness = await startHarness({ log });
	try {
		const { sandbox } = harness;
		const token = sandbox.seed.organizations.acme.token;
		const header = await harness.api<{ id: string }>('POST', '/credentials', {
			name: 'Bearer header (HTTP Request node)',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${token}` },
		});
		const bench: Bench = {
			harness,
			nodeBin: install.nodeBin,
			sophiieCredential: sandboxCredentialRef(harness.credentialId),
			headerCredential: { id: header.body.id, name: 'Bearer header (HTTP Request node)' },
		};

		const leads = sandbox.store.listLeads('org_acme');
		const ids = Array.from({ length: GET_ITEMS }, (_, index) => leads[index % leads.length].id);
		const busyLead = leads[100];
		for (let n = sandbox.store.listActivities(busyLead.id).length; n < ACTIVITIES; n++) {
			sandbox.store.addActivity(busyLead.id, {
				event: 'LEAD_UPDATED',
				data: `Benchmark activity ${n}`,
				referenceId: busyLead.id,
				userId: 'usr_acme1',
				createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
			});
		}

		const leadUrl = `=${sandbox.url}/v1/leads/{{ $json['body.ids'] }}`;
		const getParameters = (concurrency: number) => ({
			resource: 'lead',
			operation: 'get',
			leadId: { __rl: true, mode: 'id', value: "={{ $json['body.ids'] }}" },
			options: { concurrency },
		});
		const gets = await step(log, 'create the benchmark workflows', async () => ({
			sophiie1: await workflow(bench, 'bench get: Sophiie, 1 at a time', sophiie(bench, getParameters(1)), true),
			sophiie8: await workflow(bench, 'bench get: Sophiie, 8 concurrent', sophiie(bench, getParameters(8)), true),
			http1: await workflow(bench, 'bench get: HTTP Request, batches of 1', httpRequest(bench, leadUrl, batching(1)), true),
			http8: await workflow(bench, 'bench get: HTTP Request, batches of 8', httpRequest(bench, leadUrl, batching(8)), true),
			sophiieAll: await workflow(
				bench,
				'bench activities: Sophiie',
				sophiie(bench, { resource: 'lead', operation: 'listActivities', leadId: { __rl: true, mode: 'id', value: busyLead.id }, returnAll: true }),
				false,
			),
			httpAll: await workflow(
				bench,
				'bench activities: HTTP Request pagination',
				httpRequest(
					bench,
					`${sandbox.url}/v1/leads/${busyLead.id}/activities`,
					{
						pagination: {
							pagination: {
								parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
								paginationCompleteWhen: 'other',
								completeExpression: '={{ $response.body.currentPage >= $response.body.totalPages }}',
								limitPagesFetched: false,
							},
						},
					},
					{ limit: '100' },
				),
				false,
			),
		}));

		const timings: Record<string, number[]> = {};
		const record = (key: string, ms: number) => (timings[key] ??= []).push(ms);
		const idList = ids.join(',');
		const checkItems = (run: NodeRun, expected: number, what: string) => {
			if (run.items !== expected || run.failed > 0) {
				throw new Error(`${what}: ${run.items} items, ${run.failed} failed (expected ${expected}, 0 failed)`);
			}
		};

		for (let rep = 1; rep <= REPETITIONS; rep++) {
			await step(log, `repetition ${rep} of ${REPETITIONS}`, async () => {
				// Alternate the order of the contenders from one repetition to the next.
				const contenders: Array<[string, () => Promise<number>]> = [
					['get sophiie 1', async () => { const run = await gets.sophiie1({ ids }); checkItems(run, GET_ITEMS, 'Sophiie get'); return run.ms; }],
					['get http 1', async () => { const run = await gets.http1({ ids }); checkItems(run, GET_ITEMS, 'HTTP get'); return run.ms; }],
					['get raw 1', () => rawClient(bench, ['get', sandbox.url, token, '1', idList])],
					['get sophiie 8', async () => { const run = await gets.sophiie8({ ids }); checkItems(run, GET_ITEMS, 'Sophiie get x8'); return run.ms; }],
					['get http 8', async () => { const run = await gets.http8({ ids }); checkItems(run, GET_ITEMS, 'HTTP get x8'); return run.ms; }],
					['get raw 8', () => rawClient(bench, ['get', sandbox.url, token, '8', idList])],
					['all sophiie', async () => { const run = await gets.sophiieAll({}); checkItems(run, ACTIVITIES, 'Sophiie activities'); return run.ms; }],
					['all http', async () => { const run = await gets.httpAll({}); checkItems(run, ACTIVITIES / 100, 'HTTP pages'); return run.ms; }],
					['all raw', () => rawClient(bench, ['pages', sandbox.url, token, busyLead.id, '5'])],
				];
				const ordered = rep % 2 === 0 ? [...contenders].reverse() : contenders;
				for (const [key, run] of ordered) record(key, await run());

				const few = ids.slice(0, LATENCY_ITEMS);
				sandbox.setLatency(LATENCY_MS);
				const latencyContenders: Array<[string, () => Promise<number>]> = [
					['latency sophiie 1', async () => { const run = await gets.sophiie1({ ids: few }); checkItems(run, LATENCY_ITEMS, 'Sophiie get'); return run.ms; }],
					['latency sophiie 8', async () => { const run = await gets.sophiie8({ ids: few }); checkItems(run, LATENCY_ITEMS, 'Sophiie get x8'); return run.ms; }],
					['latency http 8', async () => { const run = await gets.http8({ ids: few }); checkItems(run, LATENCY_ITEMS, 'HTTP get x8'); return run.ms; }],
					['latency raw 8', () => rawClient(bench, ['get', sandbox.url, token, '8', few.join(',')])],
				];
				for (const [key, run] of rep % 2 === 0 ? [...latencyContenders].reverse() : latencyContenders) {
					record(key, await run());
				}
				sandbox.setLatency(0);
			});
		}

		const memory = await step(log, 'peak memory of an in-process Return All', async () => ({
			...(await runChild<{ items: number; outputBytes: number; rssGrowth: number; heapGrowth: number }>(bench, [
				'--expose-gc',
				path.join(__dirname, 'bench-memory.js'),
				sandbox.url,
				token,
				busyLead.id,
			])),
			rawRssGrowth: await rawClientMemory(bench, ['pages', sandbox.url, token, busyLead.id, '5']),
		}));

		const limited = await step(log, `rate limited at ${RATE_LIMIT.limit * 60} requests/minute`, async () => {
			const few = ids.slice(0, RATE_LIMITED_ITEMS);
			sandbox.setRateLimit(RATE_LIMIT);
			const sophiieRun = await gets.sophiie1({ ids: few });
			sandbox.setRateLimit(null);
			await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT.windowMs));
			sandbox.setRateLimit(RATE_LIMIT);
			const httpRun = await gets.http1({ ids: few });
			sandbox.setRateLimit(null);
			return { sophiieRun, httpRun };
		});

		const m = Object.fromEntries(Object.entries(timings).map(([key, values]) => [key, median(values)]));
		const ceiling = RATE_LIMIT.limit * (60_000 / RATE_LIMIT.windowMs);
		const perMinute = (run: NodeRun) => ((run.items - run.failed) / run.ms) * 60_000;
		const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
		const ratio = (value: number) => `${value.toFixed(2)}×`;
		const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
		const rows = [
			['Get × 1,000, one at a time', `Sophiie ${ms(m['get sophiie 1'])}, HTTP Request ${ms(m['get http 1'])}, raw ${ms(m['get raw 1'])}`, `${ratio(m['get http 1'] / m['get sophiie 1'])} faster than HTTP Request (target ≥ 1.0×: ${verdict(m['get http 1'] / m['get sophiie 1'] >= 1)}); ${ratio(m['get sophiie 1'] / m['get raw 1'])} the raw client's per-item cost (target ≤ 1.3×: ${verdict(m['get sophiie 1'] / m['get raw 1'] <= 1.3)})`],
			['Get × 1,000, 8 at a time', `Sophiie ${ms(m['get sophiie 8'])}, HTTP Request ${ms(m['get http 8'])}, raw ${ms(m['get raw 8'])}`, `${ratio(m['get sophiie 1'] / m['get sophiie 8'])} faster than Sophiie one at a time (target ≥ 4×: ${verdict(m['get sophiie 1'] / m['get sophiie 8'] >= 4)}); ${ratio(m['get http 8'] / m['get sophiie 8'])} vs HTTP Request; ${ratio(m['get sophiie 8'] / m['get raw 8'])} the raw client's per-item cost (target ≤ 1.3×: ${verdict(m['get sophiie 8'] / m['get raw 8'] <= 1.3)})`],
			[`Get × ${LATENCY_ITEMS} with ${LATENCY_MS} ms network latency`, `Sophiie 1 at a time ${ms(m['latency sophiie 1'])}, 8 at a time ${ms(m['latency sophiie 8'])}; HTTP Request batches of 8 ${ms(m['latency http 8'])}; raw at 8 ${ms(m['latency raw 8'])}`, `${ratio(m['latency sophiie 1'] / m['latency sophiie 8'])} faster with 8 concurrent (target ≥ 4×: ${verdict(m['latency sophiie 1'] / m['latency sophiie 8'] >= 4)}); ${ratio(m['latency sophiie 8'] / m['latency raw 8'])} the raw client's time at 8; ${ratio(m['latency http 8'] / m['latency sophiie 8'])} vs HTTP Request`],
			[`List Activities, Return All, ${ACTIVITIES.toLocaleString('en-US')}`, `Sophiie ${ms(m['all sophiie'])}, HTTP Request pagination ${ms(m['all http'])}, raw ${ms(m['all raw'])}`, `${ratio(m['all sophiie'] / m['all raw'])} the raw client's time (target ≤ 1.2×: ${verdict(m['all sophiie'] / m['all raw'] <= 1.2)}); ${ratio(m['all http'] / m['all sophiie'])} faster than HTTP Request`],
			['Memory of that Return All (in-process)', `output JSON ${(memory.outputBytes / 1e6).toFixed(1)} MB; peak RSS growth ${(memory.rssGrowth / 1e6).toFixed(1)} MB (heap ${(memory.heapGrowth / 1e6).toFixed(1)} MB); the raw client holding the same items: ${(memory.rawRssGrowth / 1e6).toFixed(1)} MB`, `RSS growth ${ratio(memory.rssGrowth / memory.outputBytes)} the output (target ≤ 3×: ${verdict(memory.rssGrowth <= 3 * memory.outputBytes)})`],
			[`Rate limited, ${ceiling}/min, ${RATE_LIMITED_ITEMS} items`, `Sophiie ${Math.round(perMinute(limited.sophiieRun))}/min, ${limited.sophiieRun.failed} failed; HTTP Request ${Math.round(perMinute(limited.httpRun))}/min, ${limited.httpRun.failed} failed`, `Sophiie at ${((perMinute(limited.sophiieRun) / ceiling) * 100).toFixed(0)} % of the ceiling with ${limited.sophiieRun.failed} failed (target ≥ 95 %, 0 failed: ${verdict(perMinute(limited.sophiieRun) >= 0.95 * ceiling && limited.sophiieRun.failed === 0)})`],
		];
		process.stdout.write(
			`\nn8n-nodes-sophiie benchmark — medians of ${REPETITIONS} repetitions; node times are n8n's own execution time of the node\n\n` +
				'| Scenario | Measured | Ratio |\n| --- | --- | --- |\n' +
				rows.map((row) => `| ${row.join(' | ')} |`).join('\n') +
				'\n',
		);
	} finally {
		await harness.stop();
	}
}

main().catch((error: Error) => {
	log(error.stack ?? error.message);
	process.exit(1);
});
