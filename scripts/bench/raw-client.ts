/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';

/**
 * The benchmark's baseline: a plain keep-alive HTTP client doing the same
 * requests as the nodes, with no n8n around it. Run as its own process (on the
 * same Node as n8n) so it does not share an event loop with the sandbox.
 *
 *   get <apiUrl> <token> <concurrency> <id,id,...>   GET /v1/leads/{id} for each id
 *   pages <apiUrl> <token> <leadId> <inFlight>        every page of a lead's activities
 *
 * Prints `{ "ms": <elapsed>, "items": <count>, "rssGrowth": <bytes> }`; rssGrowth is
 * the peak growth while the items are held (meaningful with --expose-gc).
 */

function getJson(agent: http.Agent, url: string, token: string): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode} for ${url}`));
				else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
			});
		});
		request.on('error', reject);
	});
}

async function pool<T>(count: number, concurrency: number, run: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await run(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return results;
}

async function main() {
	const [mode, apiUrl, token, ...rest] = process.argv.slice(2);
	(globalThis as { gc?: () => void }).gc?.();
	const baselineRss = process.memoryUsage().rss;
	let peakRss = baselineRss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 2);
	const started = performance.now();
	let items = 0;
	if (mode === 'get') {
		const concurrency = Number(rest[0]);
		const ids = rest[1].split(',');
		const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
		const leads = await pool(ids.length, concurrency, (index) => getJson(agent, `${apiUrl}/v1/leads/${ids[index]}`, token));
		items = leads.length;
	} else if (mode === 'pages') {
		const [leadId, inFlight] = [rest[0], Number(rest[1])];
		const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
		const page = (n: number) => getJson(agent, `${apiUrl}/v1/leads/${leadId}/activities?page=${n}&limit=100`, token);
		const first = await page(1);
		const others = await pool(Number(first.totalPages) - 1, inFlight, (index) => page(index + 2));
		const activities = [first, ...others].flatMap((body) => body.activities as unknown[]);
		items = activities.length;
	} else {
		throw new Error(`Unknown mode ${mode}`);
	}
	const ms = performance.now() - started;
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
	clearInterval(sampler);
	process.stdout.write(JSON.stringify({ ms, items, rssGrowth: peakRss - baselineRss }));
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
