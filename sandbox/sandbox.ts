import type { Dialect, DialectName } from './dialect';
import type { Fault } from './faults';
import type { RateLimit } from './rate-limit';
import type { SeedInfo } from './seed';
import type { RequestLogEntry } from './state';
import type { SophiieStore } from './store';
import type { DeliveryOptions, WebhookHub } from './webhooks';

/** A running sandbox, as its starter, its controls and the tests see it (server.ts runs it). */

export interface SandboxOptions {
	port?: number;
	/** Port of the webhooks host; any free port when omitted. */
	webhooksPort?: number;
	host?: string;
	rateLimit?: RateLimit | null;
	delivery?: Partial<DeliveryOptions>;
	/** How it answers where Sophiie's docs are silent (dialect.ts); `documented` when omitted. */
	dialect?: DialectName;
}

export interface Sandbox {
	/** Base URL of the `/v1` API host. */
	url: string;
	/** Base URL of the webhooks host. */
	webhooksUrl: string;
	seed: SeedInfo;
	store: SophiieStore;
	dialect: Dialect;
	webhooks: WebhookHub;
	/** Creates a lead or another event as if it happened in Sophiie, delivering webhooks. */
	fireEvent(event: string, orgId?: string, leadId?: string): unknown;
	requests(): RequestLogEntry[];
	/** Clears the request log and the peak of requests handled at once. */
	clearRequests(): void;
	/** The most API requests that were being handled at the same time since the last clear. */
	peakConcurrency(): number;
	/** Adds this many milliseconds before every API answer, like a network away from the client. */
	setLatency(ms: number): void;
	addFault(fault: Fault): void;
	clearFaults(): void;
	setRateLimit(rateLimit: RateLimit | null): void;
	/** Freezes the store's clock, so records made meanwhile share one createdAt; false lets it run again. */
	freezeClock(frozen: boolean): void;
	reset(): void;
	close(): Promise<void>;
}
