import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { httpErrorDetails, networkErrorCode, redact } from '../nodes/shared/transport/errors';
import type { Attempt } from '../nodes/shared/transport/retry';
import {
	backoffMs,
	delayFor,
	isDeletedByEarlierAttempt,
	isRedirect,
	mayHaveBeenProcessed,
	retryAfterMs,
	RETRY,
	shouldRetry,
	withinBudget,
} from '../nodes/shared/transport/retry';

/** The transport's pure rules, without a server: milliseconds. */

const answered = (statusCode: number, headers: Record<string, string> = {}): Attempt => ({
	response: { statusCode, headers, body: {} } as IN8nHttpFullResponse,
});
const failed = (networkCode?: string): Attempt => ({ networkCode });

describe('retry rules', () => {
	test.each([
		['429 to a POST', true, answered(429), 'POST'],
		['429 to a GET', true, answered(429), 'GET'],
		['503 to a GET', true, answered(503), 'GET'],
		['502 to a PUT', true, answered(502), 'PUT'],
		['504 to a DELETE', true, answered(504), 'DELETE'],
		['503 to a POST (it may have been processed)', false, answered(503), 'POST'],
		['500 to a GET', false, answered(500), 'GET'],
		['404 to a GET', false, answered(404), 'GET'],
		['a reset connection on a GET', true, failed('ECONNRESET'), 'GET'],
		['a timeout on a GET', true, failed('ECONNABORTED'), 'GET'],
		['a reset connection on a POST', false, failed('ECONNRESET'), 'POST'],
		['a refused connection', false, failed('ECONNREFUSED'), 'GET'],
		['a failure without a code', false, failed(undefined), 'GET'],
	])('%s: retried is %s', (_name, expected, attempt, method) => {
		expect(shouldRetry(attempt, method)).toBe(expected);
	});

	test('Retry-After in seconds or as an HTTP date; anything else is ignored', () => {
		const now = Date.parse('2026-11-24T00:00:00Z');
		expect(retryAfterMs('3', now)).toBe(3000);
		expect(retryAfterMs('1.5', now)).toBe(1500);
		expect(retryAfterMs(2, now)).toBe(2000);
		expect(retryAfterMs('Tue, 24 Nov 2026 00:00:10 GMT', now)).toBe(10_000);
		expect(retryAfterMs('Mon, 23 Nov 2026 23:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});

	test('backoff doubles per attempt with jitter between half and all of it, capped', () => {
		expect([backoffMs(1, 0), backoffMs(1, 1)]).toEqual([RETRY.baseDelayMs / 2, RETRY.baseDelayMs]);
		expect([backoffMs(3, 0), backoffMs(3, 1)]).toEqual([RETRY.baseDelayMs * 2, RETRY.baseDelayMs * 4]);
		expect([backoffMs(20, 0), backoffMs(20, 1)]).toEqual([RETRY.maxDelayMs / 2, RETRY.maxDelayMs]);
	});

	test('the delay is Retry-After when given, else the backoff; none when the outcome is final', () => {
		expect(delayFor(answered(429, { 'retry-after': '2' }), 'POST', 1, 0)).toBe(2000);
		expect(delayFor(answered(503, { 'retry-after': '7' }), 'GET', 4, 0)).toBe(7000);
		expect(delayFor(answered(503), 'GET', 2, 0)).toBe(backoffMs(2, 0));
		expect(delayFor(failed('ETIMEDOUT'), 'GET', 3, 1)).toBe(backoffMs(3, 1));
		expect(delayFor(answered(503, { 'retry-after': '1' }), 'POST', 1, 0)).toBeUndefined();
		expect(delayFor(answered(200), 'GET', 1, 0)).toBeUndefined();
	});

	test('the budget: at most 6 failed tries, 30 rate-limited ones and 5 minutes of waiting per request', () => {
		const tries = (failures: number, rateLimited: number, waitedMs: number) => ({ failures, rateLimited, waitedMs });
		expect(withinBudget(tries(RETRY.maxAttempts - 1, 0, 0), 1000)).toBe(true);
		expect(withinBudget(tries(RETRY.maxAttempts, 0, 0), 1000)).toBe(false);
		expect(withinBudget(tries(1, RETRY.maxRateLimited - 1, 0), 1000)).toBe(true);
		expect(withinBudget(tries(1, RETRY.maxRateLimited, 0), 1000)).toBe(false);
		expect(withinBudget(tries(1, 0, RETRY.maxTotalWaitMs - 1000), 1000)).toBe(true);
		expect(withinBudget(tries(1, 0, RETRY.maxTotalWaitMs - 1000), 1001)).toBe(false);
	});
});

describe('error wording', () => {
	const envelope = (message: string) => ({ success: false, message, error: { status: 409, message } });

	test('a 409 says what the caller knows it means, else a neutral sentence', () => {
		const lead = httpErrorDetails(409, envelope('Email already exists'), 'application/json', {
			conflictHint: 'Another lead may already use this email address or phone number.',
		});
		expect(lead).toEqual({
			message: 'Sophiie reported a conflict: "Email already exists" (HTTP 409)',
			description: 'Sophiie says "Email already exists" (HTTP 409). Another lead may already use this email address or phone number.',
		});
		expect(httpErrorDetails(409, envelope('Thread closed'), 'application/json').description).toBe(
			'Sophiie says "Thread closed" (HTTP 409). Something it refers to may already exist.',
		);
	});

	test('a 404 names what was not found when the caller says what the path names, else points at the base URL', () => {
		expect(httpErrorDetails(404, envelope('Not found'), 'application/json', { subject: 'lead ld_abc' }).message).toBe(
			'Lead ld_abc not found',
		);
		const products = httpErrorDetails(404, envelope('Not found'), 'application/json', { endpoint: 'GET /v1/organization/products' });
		expect(products.message).toBe(
			`Sophiie has no GET /v1/organization/products: "Not found" – check the credential's environment and base URL`,
		);
		expect(products.description).toContain('the Base URL may point at another server or API version');
	});

	test('a body that is not Sophiie’s envelope is described, never quoted whole', () => {
		const html = `<html>${'x'.repeat(500)}</html>`;
		const details = httpErrorDetails(502, html, 'text/html');
		expect(details.message).toBe('Sophiie server error (HTTP 502)');
		expect(details.description).toBe(
			`HTTP 502, with ${html.length} characters of text/html: ${JSON.stringify(html.slice(0, 80))}. This is on Sophiie's side; try again later.`,
		);
		expect(httpErrorDetails(418, undefined, '')).toEqual({
			message: 'Sophiie rejected the request (HTTP 418)',
			description: 'HTTP 418, with an empty body (no content type).',
		});
	});

	test('the token is redacted; a network code is found on the error or its cause', () => {
		expect(redact('Bearer sk_live_1234 was refused', 'sk_live_1234')).toBe('Bearer [redacted] was refused');
		expect(networkErrorCode({ code: 'ECONNRESET' })).toBe('ECONNRESET');
		expect(networkErrorCode({ message: 'x', cause: { code: 'ETIMEDOUT' } })).toBe('ETIMEDOUT');
		expect(networkErrorCode(new Error('no code'))).toBeUndefined();
		// n8n 1.1xx's helper hands back a NodeApiError: the code is its httpCode, the cause a plain copy.
		expect(networkErrorCode({ message: 'The connection to the server was closed unexpectedly', httpCode: 'ECONNRESET', cause: {} })).toBe('ECONNRESET');
		expect(networkErrorCode({ errorResponse: { code: 'ECONNABORTED' } })).toBe('ECONNABORTED');
		expect(networkErrorCode({ httpCode: '500' })).toBeUndefined();
	});
});

describe('outcomes that may have been processed', () => {
	test.each([
		['a reset connection', true, failed('ECONNRESET')],
		['a timeout', true, failed('ECONNABORTED')],
		['a failure without a code', true, failed(undefined)],
		['a 500', true, answered(500)],
		['a 503', true, answered(503)],
		['a refused connection (never sent)', false, failed('ECONNREFUSED')],
		['an unknown host (never sent)', false, failed('ENOTFOUND')],
		['a 429 (Sophiie did not process it)', false, answered(429)],
		['a 404', false, answered(404)],
	])('%s: may have been processed is %s', (_name, expected, attempt) => {
		expect(mayHaveBeenProcessed(attempt)).toBe(expected);
	});

	test('a DELETE answered 404 counts as deleted only after an attempt that may have been processed', () => {
		expect(isDeletedByEarlierAttempt('DELETE', 404, true)).toBe(true);
		expect(isDeletedByEarlierAttempt('DELETE', 404, false)).toBe(false);
		expect(isDeletedByEarlierAttempt('GET', 404, true)).toBe(false);
		expect(isDeletedByEarlierAttempt('DELETE', 500, true)).toBe(false);
	});

	test('3xx answers are redirects', () => {
		expect([200, 204, 299, 300, 302, 308, 399, 400].map(isRedirect)).toEqual([false, false, false, true, true, true, true, false]);
	});
});
