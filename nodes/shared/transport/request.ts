import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CONTRACT_HINT } from '../assumptions';

import type { SophiieConnection, SophiieContext } from './connection';
import { CREDENTIAL_TYPE, getConnection } from './connection';
import type { ErrorContext } from './errors';
import { apiError, describeBody, httpErrorDetails, isSophiieNotFound, NETWORK_FAILURES, networkErrorCode } from './errors';
import { pacerFor, takeTurn } from './pacing';
import type { Attempt, Tries } from './retry';
import { delayFor, isDeletedByEarlierAttempt, isRateLimited, isRedirect, mayHaveBeenProcessed, withinBudget } from './retry';

/**
 * One request to one of Sophiie's two hosts (the `/v1` API and the webhooks
 * host), tried as often as the retry rules allow, its answer read into a JSON
 * object or a NodeApiError.
 */

export interface SophiieRequestOptions extends ErrorContext {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** A 404 in Sophiie's own error envelope resolves to `{ notFound: true }` instead of failing. */
	acceptNotFound?: boolean;
}

export type SophiieHost = 'api' | 'webhooks';

const HOST_NAMES: Record<SophiieHost, string> = { api: 'Sophiie', webhooks: "Sophiie's webhooks host" };

async function attemptOnce(context: SophiieContext, connection: SophiieConnection, request: IHttpRequestOptions): Promise<Attempt> {
	try {
		return {
			response: (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
				credentialsDecrypted: connection.credential,
			})) as IN8nHttpFullResponse,
		};
	} catch (error) {
		return { networkCode: networkErrorCode(error) };
	}
}

/**
 * Tries the request until it succeeds, the retry rules say stop, or the
 * Timeout is spent. The Timeout bounds the request, retries and backoff
 * included, so each attempt may only take what is left of it; waiting for a
 * rate limit (Sophiie's own Retry-After, or another request's with the same
 * key) does not count against it, only against the wait budget.
 */
async function attemptWithRetries(context: SophiieContext, connection: SophiieConnection, request: IHttpRequestOptions) {
	let deadline = Date.now() + connection.timeoutMs;
	const tries: Tries = { failures: 0, rateLimited: 0, waitedMs: 0 };
	let earlierMayHaveBeenProcessed = false;
	const pacer = pacerFor(connection.rateLimitKey);
	for (;;) {
		const { heldMs: held, sendAt } = await takeTurn(pacer);
		deadline += held;
		tries.waitedMs += held;
		const attempt = await attemptOnce(context, connection, { ...request, timeout: Math.max(1, deadline - Date.now()) });
		const rateLimited = isRateLimited(attempt);
		if (rateLimited) tries.rateLimited++;
		else tries.failures++;
		const attempts = tries.failures + tries.rateLimited;
		const delay = delayFor(attempt, request.method ?? 'GET', attempts);
		if (rateLimited) pacer.rateLimited(sendAt, delay ?? 0);
		else if (attempt.response) pacer.answered(sendAt);
		else pacer.lost();
		const inTime = delay !== undefined && (rateLimited || Date.now() + delay < deadline);
		if (delay === undefined || !inTime || !withinBudget(tries, delay)) {
			return { attempt, attempts, outOfTime: delay !== undefined && !inTime, earlierMayHaveBeenProcessed };
		}
		earlierMayHaveBeenProcessed ||= mayHaveBeenProcessed(attempt);
		// A 429's wait is the pacer's (taken at the next turn), shared by every request with the key.
		if (!rateLimited) {
			await sleep(delay);
			tries.waitedMs += delay;
		}
	}
}

/**
 * One request to a Sophiie host, tried as the retry rules allow, up to its
 * answer: a request that got none fails here; an answer is handed back as it
 * came, with the error its caller throws about it.
 */
async function exchange(context: SophiieContext, host: SophiieHost, method: IHttpRequestMethods, path: string, options: SophiieRequestOptions) {
	const connection = await getConnection(context);
	const baseUrl = host === 'api' ? connection.apiBaseUrl : connection.webhooksBaseUrl;
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		qs: options.qs,
		body: options.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect is answered, not followed: n8n's helper would otherwise send
		// the Authorization header on to whatever origin the Location names.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	const { attempt, attempts, outOfTime, earlierMayHaveBeenProcessed } = await attemptWithRetries(context, connection, request);
	const fail = (details: { status?: number; message: string; description: string }) =>
		apiError(context.getNode(), connection.token, { ...details, itemIndex: options.itemIndex });
	const timeoutNote = ` at the ${connection.timeoutMs / 1000} s Timeout`;
	const tries = `${attempts > 1 ? `; gave up after ${attempts} attempts` : ''}${outOfTime ? timeoutNote : ''}`;

	if (!attempt.response) {
		const code = attempt.networkCode;
		const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
		const reason = (code && NETWORK_FAILURES[code]) ?? `the request failed before ${HOST_NAMES[host]} answered`;
		throw fail({
			message: `Could not reach ${HOST_NAMES[host]} at ${baseUrl}: ${reason}${timedOut && !outOfTime ? timeoutNote : ''}${tries}`,
			description: unclearOutcome(method, path, attempt) ?? `${method} ${path} failed${code ? ` (${code})` : ''}. Check the credential's environment or base URL, and the network.`,
		});
	}
	return { response: attempt.response, attempt, earlierMayHaveBeenProcessed, fail, tries };
}

/** Sends one request to a Sophiie host and returns the JSON object it answered. */
async function send(
	context: SophiieContext,
	host: SophiieHost,
	method: IHttpRequestMethods,
	path: string,
	options: SophiieRequestOptions,
): Promise<IDataObject> {
	const { response, attempt, earlierMayHaveBeenProcessed, fail, tries } = await exchange(context, host, method, path, options);
	const { statusCode, body, headers } = response;
	// A 404 in Sophiie's own envelope is done where the caller accepts one, and
	// for a DELETE whose earlier attempt may already have deleted.
	const notFoundIsDone = options.acceptNotFound || isDeletedByEarlierAttempt(method, statusCode, earlierMayHaveBeenProcessed);
	if (notFoundIsDone && isSophiieNotFound(statusCode, body)) return { notFound: true };
	if (isRedirect(statusCode)) throw fail(redirectDetails(statusCode, headers?.location, method, path));
	const contentType = String(headers?.['content-type'] ?? '').split(';')[0].trim();
	if (statusCode < 200 || statusCode >= 300) {
		const endpoint = `${method} ${path}`;
		const details = httpErrorDetails(statusCode, body, contentType, { ...options, endpoint, unclearOutcome: unclearOutcome(method, path, attempt) });
		throw fail({ status: statusCode, message: `${details.message}${tries}`, description: details.description });
	}
	// Any 2xx is success: a delete answered 204 No Content has nothing the node needs.
	if (method === 'DELETE' && statusCode === 204) return {};
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw fail({
			status: statusCode,
			message: `Unexpected response from ${HOST_NAMES[host]} (HTTP ${statusCode}): expected a JSON object, got ${describeBody(body, contentType)}`,
			description: `${method} ${path} answered with something other than the JSON Sophiie documents. ${CONTRACT_HINT}`,
		});
	}
	return body as IDataObject;
}

/** What a host answered, as it came: for the contract check, which judges statuses and bodies itself. */
export interface SophiieAnswer {
	status: number;
	body: unknown;
	headers: IDataObject;
}

/**
 * One request through the same retries, pacing and redirect rule as every
 * other, its answer handed back whatever its status (only a request that got
 * no answer fails).
 */
export async function sophiieAnswer(
	this: SophiieContext,
	host: SophiieHost,
	method: IHttpRequestMethods,
	pathSegments: string[],
	options: SophiieRequestOptions = {},
): Promise<SophiieAnswer> {
	const { response } = await exchange(this, host, method, pathOf(host, pathSegments), options);
	return { status: response.statusCode, body: response.body, headers: (response.headers ?? {}) as IDataObject };
}

/**
 * For a request that is not retried because it is not idempotent (a POST):
 * when its answer was lost or was a server error, Sophiie may have done it
 * anyway, and sending it again (Retry On Fail, an agent) could do it twice.
 */
function unclearOutcome(method: string, path: string, attempt: Attempt): string | undefined {
	if (method !== 'POST' || !mayHaveBeenProcessed(attempt)) return undefined;
	return (
		`Sophiie may have processed ${method} ${path} before the answer was lost, so it was not sent again. ` +
		'Check in Sophiie whether it happened (the lead exists, the SMS was sent, the webhook is subscribed) before running it again.'
	);
}

/** A 3xx, not followed: names where it pointed (origin only), never sends the key there. */
function redirectDetails(status: number, location: unknown, method: string, path: string) {
	let target = 'an address it did not give';
	try {
		if (typeof location === 'string' && location !== '') target = new URL(location, 'http://relative.invalid').origin;
	} catch {
		target = 'an unreadable address';
	}
	if (target === 'http://relative.invalid') target = 'another path on the same host';
	return {
		status,
		message: `Sophiie answered ${method} ${path} with a redirect (HTTP ${status}) to ${target}; it was not followed, so the access token was not sent there`,
		description: "Sophiie documents no redirects. Check the credential's Environment and Base URL: they may point at a proxy or an old address.",
	};
}

/** The path of an endpoint on its host: `/v1/...` on the API, `/api/webhooks/zapier/...` on the webhooks host. */
function pathOf(host: SophiieHost, pathSegments: string[]): string {
	const joined = pathSegments.map((segment) => encodeURIComponent(segment)).join('/');
	return host === 'api' ? `/v1/${joined}` : `/api/webhooks/zapier/${joined}`;
}

/** Sends one request to the `/v1` API and returns the parsed JSON body. */
export async function sophiieApiRequest(
	this: SophiieContext,
	method: IHttpRequestMethods,
	pathSegments: string[],
	options: SophiieRequestOptions = {},
): Promise<IDataObject> {
	return await send(this, 'api', method, pathOf('api', pathSegments), options);
}

/** Sends one request to the webhooks host's `/api/webhooks/zapier/...` API. */
export async function sophiieWebhooksRequest(
	this: SophiieContext,
	method: IHttpRequestMethods,
	pathSegments: string[],
	options: SophiieRequestOptions = {},
): Promise<IDataObject> {
	return await send(this, 'webhooks', method, pathOf('webhooks', pathSegments), options);
}
