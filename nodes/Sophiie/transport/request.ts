import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { SophiieConnection, SophiieContext } from './connection';
import { CREDENTIAL_TYPE, getConnection } from './connection';
import type { ErrorContext } from './errors';
import { apiError, describeBody, httpErrorDetails, NETWORK_FAILURES, networkErrorCode } from './errors';
import { awaitTurn, holdOff } from './pacing';
import type { Attempt, Tries } from './retry';
import { delayFor, isRateLimited, withinBudget } from './retry';

/**
 * One request to one of Sophiie's two hosts (the `/v1` API and the webhooks
 * host), tried as often as the retry rules allow, its answer read into a JSON
 * object or a NodeApiError.
 */

export interface SophiieRequestOptions extends ErrorContext {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

type SophiieHost = 'api' | 'webhooks';

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
	for (;;) {
		const held = await awaitTurn(connection.rateLimitKey);
		deadline += held;
		tries.waitedMs += held;
		const attempt = await attemptOnce(context, connection, { ...request, timeout: Math.max(1, deadline - Date.now()) });
		const rateLimited = isRateLimited(attempt);
		if (rateLimited) tries.rateLimited++;
		else tries.failures++;
		const attempts = tries.failures + tries.rateLimited;
		const delay = delayFor(attempt, request.method ?? 'GET', attempts);
		const inTime = delay !== undefined && (rateLimited || Date.now() + delay < deadline);
		if (delay === undefined || !inTime || !withinBudget(tries, delay)) {
			return { attempt, attempts, outOfTime: delay !== undefined && !inTime };
		}
		if (rateLimited) {
			holdOff(connection.rateLimitKey, delay);
		} else {
			await sleep(delay);
			tries.waitedMs += delay;
		}
	}
}

/** Sends one request to a Sophiie host and returns the JSON object it answered. */
async function send(
	context: SophiieContext,
	host: SophiieHost,
	method: IHttpRequestMethods,
	path: string,
	options: SophiieRequestOptions,
): Promise<IDataObject> {
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
	};
	const { attempt, attempts, outOfTime } = await attemptWithRetries(context, connection, request);
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
			description: `${method} ${path} failed${code ? ` (${code})` : ''}. Check the credential's environment or base URL, and the network.`,
		});
	}
	const { statusCode, body, headers } = attempt.response;
	const contentType = String(headers?.['content-type'] ?? '').split(';')[0].trim();
	if (statusCode < 200 || statusCode >= 300) {
		const details = httpErrorDetails(statusCode, body, contentType, { ...options, endpoint: `${method} ${path}` });
		throw fail({ status: statusCode, message: `${details.message}${tries}`, description: details.description });
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw fail({
			status: statusCode,
			message: `Unexpected response from ${HOST_NAMES[host]} (HTTP ${statusCode}): expected a JSON object, got ${describeBody(body, contentType)}`,
			description: `${method} ${path} answered with something other than the JSON Sophiie documents.`,
		});
	}
	return body as IDataObject;
}

function joinPath(pathSegments: string[]): string {
	return pathSegments.map((segment) => encodeURIComponent(segment)).join('/');
}

/** Sends one request to the `/v1` API and returns the parsed JSON body. */
export async function sophiieApiRequest(
	this: SophiieContext,
	method: IHttpRequestMethods,
	pathSegments: string[],
	options: SophiieRequestOptions = {},
): Promise<IDataObject> {
	return await send(this, 'api', method, `/v1/${joinPath(pathSegments)}`, options);
}

/** Sends one request to the webhooks host's `/api/webhooks/zapier/...` API. */
export async function sophiieWebhooksRequest(
	this: SophiieContext,
	method: IHttpRequestMethods,
	pathSegments: string[],
	options: SophiieRequestOptions = {},
): Promise<IDataObject> {
	return await send(this, 'webhooks', method, `/api/webhooks/zapier/${joinPath(pathSegments)}`, options);
}
