/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The contract check's own hook receiver on 127.0.0.1: what Sophiie POSTs to
 * a subscribed hook, kept as it came. The first delivery of each body is
 * answered 503, so that Sophiie's retry (if it makes one) shows whether a
 * repeat keeps the same id; every later one 200.
 */

export interface ReceivedDelivery {
	at: number;
	/** The path and query the delivery came to. */
	url: string;
	body: unknown;
	/** What the receiver answered. */
	status: number;
}

export interface Receiver {
	url: string;
	deliveries: ReceivedDelivery[];
	close(): Promise<void>;
}

const idOf = (body: unknown) => {
	const id = (body as { id?: unknown } | null)?.id;
	return typeof id === 'string' || typeof id === 'number' ? `id:${id}` : `body:${JSON.stringify(body)}`;
};

export async function startReceiver(port = 0): Promise<Receiver> {
	const deliveries: ReceivedDelivery[] = [];
	const answered = new Set<string>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Kept as text: the verdict says it was not JSON.
			}
			const key = idOf(body);
			const status = answered.has(key) ? 200 : 503;
			answered.add(key);
			deliveries.push({ at: Date.now(), url: req.url ?? '/', body, status });
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ received: status === 200 }));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify-sophiie/hook`,
		deliveries,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
