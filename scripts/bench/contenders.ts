/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { ExtraPackage, Harness } from '../harness/n8n';
import { webhookNode } from '../harness/workflow-nodes';

/**
 * The contenders `npm run bench` and `npm run bench:profile` set against the
 * Sophiie node: the floor node (floor.node.ts) as its own community
 * package, installed beside this one for benchmarks only, and n8n's HTTP
 * Request node with a bearer header credential; and the workflow that runs
 * any of them.
 */

const FLOOR_PACKAGE = 'n8n-nodes-sophiie-bench-floor';

export const floorPackage = (): ExtraPackage => ({
	name: FLOOR_PACKAGE,
	files: {
		'package.json': JSON.stringify({ name: FLOOR_PACKAGE, version: '0.0.0', n8n: { n8nNodesApiVersion: 1, nodes: ['BenchFloor.node.js'] } }),
		'BenchFloor.node.js': fs.readFileSync(path.join(__dirname, 'floor.node.js'), 'utf8'),
	},
});

/** The floor node GETting `<sandbox>/v1/leads/<the item's body.ids>` with the token, `concurrency` at a time. */
export function floorNode(sandboxUrl: string, token: string, concurrency: number) {
	const url = `=${sandboxUrl}/v1/leads/{{ $json['body.ids'] }}`;
	return { type: `${FLOOR_PACKAGE}.benchFloor`, typeVersion: 1, parameters: { url, token, concurrency } };
}

const HEADER_CREDENTIAL = 'Bearer header (HTTP Request node)';

/** The header credential the HTTP Request node sends the token with; its reference for a workflow node. */
export async function createHeaderCredential(harness: Harness, token: string) {
	const { status, body } = await harness.api<{ id: string }>('POST', '/credentials', {
		name: HEADER_CREDENTIAL,
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Bearer ${token}` },
	});
	if (status !== 200) throw new Error(`Creating the header credential failed (${status}): ${JSON.stringify(body)}`);
	return { id: body.id, name: HEADER_CREDENTIAL };
}

/** n8n's HTTP Request node (4.2) GETting `url` with the header credential; `options` such as batching or pagination. */
export function httpRequestNode(url: string, credential: { id: string; name: string }, options: Record<string, unknown>, qs?: Record<string, string>) {
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
		credentials: { httpHeaderAuth: credential },
	};
}

/** HTTP Request's batching: `batchSize` items at a time, no pause between batches. */
export const batching = (batchSize: number) => ({ batching: { batch: { batchSize, batchInterval: 0 } } });

/** The node a benchmark workflow runs, as the workflow names it. */
export const UNDER_TEST = 'Under test';

/**
 * Webhook (answers when done) → Split Out of `body.ids` (when `splitIds`) →
 * `node` as "Under test" (a failing item becomes an error item, to be
 * counted); created and activated.
 */
export async function benchWorkflow(harness: Harness, name: string, node: Record<string, unknown>, splitIds: boolean) {
	const webhookPath = `bench-${randomUUID()}`;
	const nodes: Record<string, unknown>[] = [
		webhookNode(webhookPath, { responseMode: 'lastNode', responseData: 'noData' }),
		{ id: randomUUID(), name: UNDER_TEST, position: [440, 0], onError: 'continueRegularOutput', ...node },
	];
	const toUnderTest = { main: [[{ node: UNDER_TEST, type: 'main', index: 0 }]] };
	const connections: Record<string, unknown> = { Webhook: toUnderTest };
	if (splitIds) {
		const split = { id: randomUUID(), name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.ids', options: {} } };
		nodes.push(split);
		connections.Webhook = { main: [[{ node: 'Split', type: 'main', index: 0 }]] };
		connections.Split = toUnderTest;
	}
	const created = await harness.api<{ id: string }>('POST', '/workflows', {
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	});
	if (created.status !== 200) throw new Error(`Creating ${name} failed: ${JSON.stringify(created.body)}`);
	await harness.api('POST', `/workflows/${created.body.id}/activate`);
	return { workflowId: created.body.id, webhookPath };
}

/** POSTs `body` to a benchmark workflow's webhook, again while n8n answers 404 (not registered yet); the status of the answer, read whole. */
export async function callBenchWorkflow(harness: Harness, webhookPath: string, body: Record<string, unknown>): Promise<number> {
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${harness.n8nUrl}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.text();
		if (response.status !== 404) return response.status;
		if (attempt > 50) throw new Error(`The webhook ${webhookPath} never registered`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
