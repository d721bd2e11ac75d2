/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import { runSophiieNode, sandboxCredentials } from '../harness/n8n-core';

/**
 * Peak memory of List Activities → Return All run in-process through n8n-core
 * (the same harness the tests use), against the output's JSON size. Run as its
 * own process with --expose-gc so the sandbox and the benchmark are not counted.
 *
 *   node memory.js <apiUrl> <token> <leadId>
 *
 * Prints `{ "items", "outputBytes", "rssGrowth", "heapGrowth" }`.
 */
async function main() {
	const [apiUrl, token, leadId] = process.argv.slice(2);
	const credentials = sandboxCredentials(apiUrl, token, apiUrl);
	const run = (returnAll: boolean) =>
		runSophiieNode({
			credentials,
			parameters: {
				resource: 'lead',
				operation: 'listActivities',
				leadId: { __rl: true, mode: 'id', value: leadId },
				returnAll,
				limit: 10,
			},
		});

	// Warm up code paths and connections, then start from a collected heap.
	await run(false);
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const baseline = process.memoryUsage();
	let peakRss = baseline.rss;
	let peakHeap = baseline.heapUsed;
	const sample = () => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeap = Math.max(peakHeap, now.heapUsed);
	};
	const sampler = setInterval(sample, 2);

	const { items, error } = await run(true);
	sample();
	clearInterval(sampler);
	if (error) throw error;
	const outputBytes = Buffer.byteLength(JSON.stringify(items.map((item) => item.json)));
	process.stdout.write(
		JSON.stringify({
			items: items.length,
			outputBytes,
			rssGrowth: peakRss - baseline.rss,
			heapGrowth: peakHeap - baseline.heapUsed,
		}),
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
