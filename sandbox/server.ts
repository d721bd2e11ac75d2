/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { Concurrency, dispatch } from './dispatch';
import { DIALECTS } from './dialect';
import type { Fault } from './faults';
import type { Host } from './http';
import { envelope, messageFor, sendReply } from './http';
import type { RateLimit } from './rate-limit';
import { RateLimiter } from './rate-limit';
import type { Sandbox, SandboxOptions } from './sandbox';
import { SandboxState } from './state';
import { fireEvent } from './events';
import { DEFAULT_DELIVERY, WebhookHub } from './webhooks';

export type { Fault } from './faults';
export type { RateLimit } from './rate-limit';
export type { Sandbox, SandboxOptions } from './sandbox';
export type { RequestLogEntry } from './state';

/**
 * A local, faithful Sophiie (sophiie-api.md) on two ports, like Sophiie's two
 * hosts: the `/v1` API and the webhooks host (`/api/webhooks/zapier/...`).
 * Bearer tokens are scoped to one organization each; errors use the documented
 * envelope and messages; lists follow the page/limit rules. For tests and demos
 * both hosts also serve `/__sandbox/...`: a request log, a reset, a per-token
 * rate limit, fault injection, the live subscriptions, the delivery log, and
 * events on demand.
 *
 * Where things live: `state.ts` (what a reset rebuilds), `dispatch.ts` (one
 * request's way through a host), `routes/` (a route table per host and the
 * controls), `faults.ts`, `rate-limit.ts`, `paging.ts`, `http.ts` (plumbing).
 */

class RunningSandbox implements Sandbox {
	url = '';
	webhooksUrl = '';
	/**
	 * Outlives resets, unlike the state: close() must await deliveries still
	 * under way, and its ids keep counting, so a hook id from before a reset
	 * never names a new subscription.
	 */
	readonly webhooks: WebhookHub;
	private state: SandboxState;
	private readonly concurrency = new Concurrency();
	private readonly servers: http.Server[] = [];

	constructor(private readonly options: SandboxOptions) {
		this.webhooks = new WebhookHub({ ...DEFAULT_DELIVERY, ...options.delivery });
		this.state = this.freshState();
	}

	get dialect() {
		return DIALECTS[this.options.dialect ?? 'documented'];
	}

	private freshState() {
		return new SandboxState(this.options.rateLimit ?? null, this.webhooks, this.dialect);
	}

	get seed() {
		return this.state.seed;
	}

	get store() {
		return this.state.store;
	}

	async listen() {
		this.url = await this.listenAs('api', this.options.port ?? 0);
		this.webhooksUrl = await this.listenAs('webhooks', this.options.webhooksPort ?? 0);
	}

	private async listenAs(host: Host, port: number): Promise<string> {
		const services = {
			state: () => this.state,
			webhooks: this.webhooks,
			sandbox: () => this,
			concurrency: this.concurrency,
		};
		const server = http.createServer((req, res) => {
			dispatch(services, host, req, res).catch(() => {
				if (!res.headersSent) sendReply(res, { status: 500, body: envelope(500, messageFor(host, 500)) });
			});
		});
		server.keepAliveTimeout = 5_000;
		const bindHost = this.options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, bindHost, () => resolve());
		});
		this.servers.push(server);
		return `http://${bindHost}:${(server.address() as AddressInfo).port}`;
	}

	fireEvent(event: string, orgId?: string, leadId?: string): unknown {
		return fireEvent({ state: this.state, webhooks: this.webhooks }, event, orgId, leadId);
	}

	requests() {
		return this.state.requestLog;
	}

	clearRequests() {
		this.state.requestLog = [];
		this.concurrency.resetPeak();
	}

	peakConcurrency() {
		return this.concurrency.peak;
	}

	setLatency(ms: number) {
		this.state.latencyMs = ms;
	}

	addFault(fault: Fault) {
		this.state.faults.add(fault);
	}

	clearFaults() {
		this.state.faults.clear();
	}

	setRateLimit(next: RateLimit | null) {
		this.state.rateLimiter = new RateLimiter(next ? { limit: next.limit, windowMs: next.windowMs ?? 60_000 } : null);
	}

	freezeClock(frozen: boolean) {
		this.state.store.freezeClock(frozen);
	}

	reset() {
		this.state = this.freshState();
		this.webhooks.reset();
		this.concurrency.resetPeak();
	}

	async close() {
		await this.webhooks.settled();
		await Promise.all(
			this.servers.map(
				(server) =>
					new Promise<void>((resolve) => {
						server.closeAllConnections();
						server.close(() => resolve());
					}),
			),
		);
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = new RunningSandbox(options);
	await sandbox.listen();
	return sandbox;
}
