import type { IN8nHttpFullResponse } from 'n8n-workflow';

/**
 * When to send a request again, and after how long: pure rules, so they are
 * unit-tested without a server. A 429 is retried for every method (Sophiie did
 * not process it), honouring Retry-After, for as long as the wait budget lasts:
 * a rate limit is paced, not given up on. 502/503/504, timeouts and dropped
 * connections are retried only for idempotent methods, since a POST may
 * already have reached Sophiie, and at most `maxAttempts` times.
 */
export const RETRY = {
	/** Tries of a request that failed other than by a 429. */
	maxAttempts: 6,
	/** 429s one request takes before it gives up: enough to be paced through a busy minute. */
	maxRateLimited: 30,
	/** The longest total wait across the retries of one request. */
	maxTotalWaitMs: 5 * 60_000,
	baseDelayMs: 400,
	maxDelayMs: 30_000,
};

const IDEMPOTENT_METHODS = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

/** What one try of a request gave: a response, or a network failure (with its code when known). */
export type Attempt =
	| { response: IN8nHttpFullResponse; networkCode?: undefined }
	| { response?: undefined; networkCode: string | undefined };

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: between half and all of base × 2^(attempt-1), capped. */
export function backoffMs(attemptNumber: number, random = Math.random()): number {
	const ceiling = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** (attemptNumber - 1));
	return Math.round(ceiling * (0.5 + random / 2));
}

/** Sophiie's rate limit: answered 429, not processed. */
export const isRateLimited = (attempt: Attempt) => attempt.response?.statusCode === 429;

/** Whether this outcome of a request with this method may be tried again. */
export function shouldRetry(attempt: Attempt, method: string): boolean {
	const idempotent = IDEMPOTENT_METHODS.has(method);
	if (attempt.response) {
		return isRateLimited(attempt) || (RETRYABLE_STATUSES.has(attempt.response.statusCode) && idempotent);
	}
	return idempotent && attempt.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(attempt.networkCode);
}

/** How long to wait before trying again, or undefined when this outcome is final. */
export function delayFor(attempt: Attempt, method: string, attemptNumber: number, random = Math.random()): number | undefined {
	if (!shouldRetry(attempt, method)) return undefined;
	const retryAfter = attempt.response ? retryAfterMs(attempt.response.headers?.['retry-after']) : undefined;
	return retryAfter ?? backoffMs(attemptNumber, random);
}

/** Failures where the connection was never made: Sophiie cannot have seen the request. */
const NEVER_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * Whether Sophiie may have processed a request although this attempt did not
 * succeed: the answer was lost (timeout, reset) or was a server error, which
 * can come after the work was done.
 */
export function mayHaveBeenProcessed(attempt: Attempt): boolean {
	if (attempt.response) return attempt.response.statusCode >= 500;
	return attempt.networkCode === undefined || !NEVER_SENT_NETWORK_CODES.has(attempt.networkCode);
}

/**
 * A DELETE answered 404 after an earlier attempt of it may have been processed:
 * that attempt deleted the record, so the request succeeded.
 */
export function isDeletedByEarlierAttempt(method: string, statusCode: number, earlierMayHaveBeenProcessed: boolean): boolean {
	return method === 'DELETE' && statusCode === 404 && earlierMayHaveBeenProcessed;
}

/** Redirects are never followed: the Location may be another origin, which must not get the key. */
export const isRedirect = (statusCode: number) => statusCode >= 300 && statusCode < 400;

/** What one request has been through so far. */
export interface Tries {
	/** Tries that failed other than by a 429. */
	failures: number;
	/** Tries answered 429. */
	rateLimited: number;
	waitedMs: number;
}

/** Whether the budget allows waiting `delay` more and trying again. */
export function withinBudget({ failures, rateLimited, waitedMs }: Tries, delay: number): boolean {
	return failures < RETRY.maxAttempts && rateLimited < RETRY.maxRateLimited && waitedMs + delay <= RETRY.maxTotalWaitMs;
}

