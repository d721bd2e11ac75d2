import { HttpError } from './http';

/** A per-token sliding window, answering 429 with `Retry-After` in seconds like a real API would. */

export interface RateLimit {
	/** Requests allowed per token in each window. */
	limit: number;
	windowMs: number;
}

export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(readonly rateLimit: RateLimit | null) {}

	check(token: string) {
		const rateLimit = this.rateLimit;
		if (!rateLimit) return;
		const now = Date.now();
		const recent = (this.hits.get(token) ?? []).filter((at) => at > now - rateLimit.windowMs);
		if (recent.length >= rateLimit.limit) {
			const retryAfter = Math.max(1, Math.ceil((recent[0] + rateLimit.windowMs - now) / 1000));
			this.hits.set(token, recent);
			throw new HttpError(429, { 'Retry-After': String(retryAfter) });
		}
		recent.push(now);
		this.hits.set(token, recent);
	}
}
