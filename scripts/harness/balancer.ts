/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin HTTP load balancer on 127.0.0.1, as teams put in front of
 * several n8n webhook processors: each request goes to the next upstream,
 * whole (a client that hangs up aborts its upstream request, as a proxy's
 * would).
 */

export interface Balancer {
	url: string;
	close(): Promise<void>;
}

export async function startBalancer(upstreams: string[]): Promise<Balancer> {
	let next = 0;
	const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
	const server = http.createServer((req, res) => {
		const target = new URL(upstreams[next++ % upstreams.length]);
		const upstream = http.request({ agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		res.on('close', () => {
			if (!res.writableFinished) upstream.destroy();
		});
		req.pipe(upstream);
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
