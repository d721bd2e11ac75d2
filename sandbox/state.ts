import { randomBytes } from 'node:crypto';

import type { Dialect } from './dialect';
import { FaultList } from './faults';
import type { Host } from './http';
import type { RateLimit } from './rate-limit';
import { RateLimiter } from './rate-limit';
import type { SeedInfo } from './seed';
import { seedStore } from './seed';
import type { SophiieStore } from './store';
import { leadSummary } from './store';
import type { WebhookHub } from './webhooks';

export interface RequestLogEntry {
	host: Host;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Organization of the token used, or null when the token was missing or unknown. */
	orgId: string | null;
	body: unknown;
	status: number;
	at: string;
}

/**
 * Everything a reset puts back: the seeded store and its tokens, the request
 * log, faults, latency and the rate limit. A reset builds a new one whole, so
 * no piece of state can be forgotten and leak from one test into the next.
 */
export class SandboxState {
	readonly store: SophiieStore;
	readonly seed: SeedInfo;
	/** Bearer token → organization id. */
	readonly tokens: Map<string, string>;
	requestLog: RequestLogEntry[] = [];
	readonly faults = new FaultList();
	latencyMs = 0;
	rateLimiter: RateLimiter;

	constructor(
		rateLimit: RateLimit | null,
		webhooks: WebhookHub,
		readonly dialect: Dialect,
	) {
		({ store: this.store, seed: this.seed } = seedStore(dialect));
		this.tokens = new Map(Object.values(this.seed.organizations).map((org) => [org.token, org.id]));
		this.store.onLeadEvent = (orgId, event, lead) => webhooks.emit(orgId, event, leadSummary(lead));
		this.rateLimiter = new RateLimiter(rateLimit);
	}

	/** The organization's first member, the actor of API writes. */
	ownerOf(orgId: string): string {
		return Object.values(this.seed.organizations).find((org) => org.id === orgId)!.ownerId;
	}

	newLeadId(): string {
		let id: string;
		do id = `ld_${randomBytes(6).toString('hex')}`;
		while (this.store.hasLeadId(id));
		return id;
	}
}
