/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import path from 'node:path';

import type { ExtraPackage, Harness } from './n8n-harness';

/**
 * The contenders `npm run bench` and `npm run bench:profile` set against the
 * Sophiie node: the floor node (bench-floor.node.ts) as its own community
 * package, installed beside this one for benchmarks only, and n8n's HTTP
 * Request node with a bearer header credential.
 */

const FLOOR_PACKAGE = 'n8n-nodes-sophiie-bench-floor';

export const floorPackage = (): ExtraPackage => ({
	name: FLOOR_PACKAGE,
	files: {
		'package.json': JSON.stringify({ name: FLOOR_PACKAGE, version: '0.0.0', n8n: { n8nNodesApiVersion: 1, nodes: ['BenchFloor.node.js'] } }),
		'BenchFloor.node.js': fs.readFileSync(path.join(__dirname, 'bench-floor.node.js'), 'utf8'),
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
