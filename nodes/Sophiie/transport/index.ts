import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IWebhookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SOPHIIE_ENVIRONMENTS, type SophiieEnvironment } from '../../../credentials/SophiieApi.credentials';

/**
 * The one place that talks to Sophiie, on its two hosts (the `/v1` API and the
 * webhooks host): base URLs, authentication, error mapping and pagination.
 * Callers pass path segments and get parsed bodies back.
 */
export type SophiieContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'sophiieApi';

/** Sophiie's documented maximum `limit` for list endpoints. */
export const MAX_PAGE_SIZE = 100;

/** Stops a server that never reports the last page from looping forever. */
const MAX_PAGES = 10_000;

const REQUEST_TIMEOUT_MS = 30_000;

export interface SophiieRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	/** What the path names, e.g. `lead ld_abc123`, so a 404 can say what was not found. */
	subject?: string;
	itemIndex?: number;
}

interface SophiieConnection {
	apiBaseUrl: string;
	webhooksBaseUrl: string;
	token: string;
}

interface SophiieCredentials {
	accessToken?: string;
	environment?: SophiieEnvironment;
	baseUrl?: string;
	webhooksBaseUrl?: string;
}

// Credentials are read once per execution context, not once per request.
const connections = new WeakMap<object, Promise<SophiieConnection>>();

function trimTrailingSlashes(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

async function readConnection(context: SophiieContext): Promise<SophiieConnection> {
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as SophiieCredentials;
	const environment = credentials.environment ?? 'production';
	const token = credentials.accessToken ?? '';
	if (environment === 'custom') {
		return {
			apiBaseUrl: trimTrailingSlashes(credentials.baseUrl ?? ''),
			webhooksBaseUrl: trimTrailingSlashes(credentials.webhooksBaseUrl ?? ''),
			token,
		};
	}
	return { ...SOPHIIE_ENVIRONMENTS[environment], token };
}

function getConnection(context: SophiieContext): Promise<SophiieConnection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = readConnection(context);
		connections.set(context, connection);
	}
	return connection;
}

/** Replaces the access token wherever a server or library might have echoed it. */
function redact(text: string, token: string): string {
	return token.length >= 4 ? text.split(token).join('[redacted]') : text;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function sophiieMessageOf(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const envelope = body as { message?: unknown; error?: { message?: unknown } };
		if (typeof envelope.error?.message === 'string') return envelope.error.message;
		if (typeof envelope.message === 'string') return envelope.message;
	}
	if (typeof body === 'string' && body.trim() !== '') return body.trim().slice(0, 200);
	return undefined;
}

function apiError(
	node: INode,
	token: string,
	details: { status?: number; message: string; description: string; itemIndex?: number },
): NodeApiError {
	const message = redact(details.message, token);
	const description = redact(details.description, token);
	// A fresh, plain error object: the library error (which carries request
	// headers, and so the token) is never attached.
	const cause: JsonObject = { message, description };
	if (details.status !== undefined) cause.httpCode = String(details.status);
	return new NodeApiError(node, cause, {
		message,
		description,
		httpCode: details.status === undefined ? undefined : String(details.status),
		itemIndex: details.itemIndex,
	});
}

function httpErrorDetails(status: number, body: unknown, subject: string | undefined) {
	const said = sophiieMessageOf(body);
	const sophiieSays = said ? `Sophiie says "${said}" (HTTP ${status}).` : `HTTP ${status}.`;
	if (status === 401) {
		return {
			message: `Sophiie rejected the access token${said ? `: "${said}"` : ''} – check the Sophiie credential`,
			description: `${sophiieSays} Check that the Access Token is current and belongs to the credential's environment.`,
		};
	}
	if (status === 403) {
		return {
			message: `Sophiie refused access${said ? `: "${said}"` : ''} (HTTP 403)`,
			description: `${sophiieSays} The API key may not be allowed to do this.`,
		};
	}
	if (status === 404) {
		return {
			message: subject ? `${capitalize(subject)} not found` : `Not found${said ? `: "${said}"` : ''}`,
			description: `${sophiieSays} It may have been deleted, or belong to another Sophiie organization than the credential's.`,
		};
	}
	if (status === 409) {
		return {
			message: `Sophiie reported a conflict${said ? `: "${said}"` : ''} (HTTP 409)`,
			description: `${sophiieSays} Another lead may already use this email address or phone number.`,
		};
	}
	if (status === 429) {
		return {
			message: `Sophiie's rate limit was reached${said ? `: "${said}"` : ''} (HTTP 429)`,
			description: `${sophiieSays} Wait a moment, or send fewer requests per minute.`,
		};
	}
	if (status >= 500) {
		return {
			message: `Sophiie server error (HTTP ${status})${said ? `: "${said}"` : ''}`,
			description: `${sophiieSays} This is on Sophiie's side; try again later.`,
		};
	}
	return {
		message: `Sophiie rejected the request (HTTP ${status})${said ? `: "${said}"` : ''}`,
		description: sophiieSays,
	};
}

/**
 * Network failures in words. The message must not contain the raw code:
 * NodeApiError would replace a message mentioning e.g. ECONNREFUSED with a
 * generic text that no longer says which host failed.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
};

function networkErrorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && code !== '') return code;
	}
	return undefined;
}

type SophiieHost = 'api' | 'webhooks';

/** Sends one request to a Sophiie host and returns the parsed JSON object it answered. */
async function send(
	context: SophiieContext,
	host: SophiieHost,
	method: IHttpRequestMethods,
	path: string,
	options: SophiieRequestOptions,
): Promise<IDataObject> {
	const connection = await getConnection(context);
	const { token } = connection;
	const baseUrl = host === 'api' ? connection.apiBaseUrl : connection.webhooksBaseUrl;
	const hostName = host === 'api' ? 'Sophiie' : "Sophiie's webhooks host";
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		qs: options.qs,
		body: options.body,
		json: true,
		timeout: REQUEST_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};

	let response: IN8nHttpFullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		const code = networkErrorCode(error);
		const reason = (code && NETWORK_FAILURES[code]) ?? `the request failed before ${hostName} answered`;
		throw apiError(context.getNode(), token, {
			message: `Could not reach ${hostName} at ${baseUrl}: ${reason}`,
			description: `${method} ${path} failed${code ? ` (${code})` : ''}. Check the credential's environment or base URL, and the network.`,
			itemIndex: options.itemIndex,
		});
	}

	const { statusCode, body } = response;
	if (statusCode < 200 || statusCode >= 300) {
		throw apiError(context.getNode(), token, {
			status: statusCode,
			...httpErrorDetails(statusCode, body, options.subject),
			itemIndex: options.itemIndex,
		});
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw apiError(context.getNode(), token, {
			status: statusCode,
			message: `Unexpected response from ${hostName} (HTTP ${statusCode}): not a JSON object`,
			description: `${method} ${path} answered with ${
				typeof body === 'string' ? `text: ${body.slice(0, 200)}` : JSON.stringify(body)?.slice(0, 200)
			}`,
			itemIndex: options.itemIndex,
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

export interface PaginateOptions extends SophiieRequestOptions {
	/** Stop after this many items; fetch every page when undefined. */
	limit?: number;
	/** Keep only items for which this returns true (Sophiie has no server-side filter). */
	filter?: (item: IDataObject) => boolean;
}

/**
 * Reads a paginated list (`{ <listKey>: [...], totalPages, currentPage, totalCount }`)
 * page by page until `totalPages` or `limit`, dropping items whose id was
 * already returned (pages can shift while new items arrive).
 */
export async function sophiieApiRequestAllItems(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: PaginateOptions = {},
): Promise<IDataObject[]> {
	const { limit, filter, ...requestOptions } = options;
	const pageSize =
		limit !== undefined && !filter ? Math.min(MAX_PAGE_SIZE, Math.max(1, limit)) : MAX_PAGE_SIZE;
	const seenIds = new Set<unknown>();
	const results: IDataObject[] = [];

	for (let page = 1; page <= MAX_PAGES; page++) {
		const { items, totalPages } = await sophiieApiRequestPage.call(this, pathSegments, listKey, {
			...requestOptions,
			qs: { ...requestOptions.qs, page, limit: pageSize },
		});
		for (const item of items) {
			if (item.id !== undefined) {
				if (seenIds.has(item.id)) continue;
				seenIds.add(item.id);
			}
			if (filter && !filter(item)) continue;
			results.push(item);
			if (limit !== undefined && results.length >= limit) return results;
		}
		if (items.length === 0 || page >= totalPages) return results;
	}
	const { token } = await getConnection(this);
	throw apiError(this.getNode(), token, {
		message: `Sophiie kept returning pages after ${MAX_PAGES} pages of /v1/${pathSegments.join('/')}`,
		description: 'Stopped to avoid an endless loop; the list may be changing faster than it can be read.',
		itemIndex: options.itemIndex,
	});
}

/** Reads one page of a paginated list and checks its envelope. */
export async function sophiieApiRequestPage(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: SophiieRequestOptions,
): Promise<{ items: IDataObject[]; totalPages: number }> {
	const body = await sophiieApiRequest.call(this, 'GET', pathSegments, options);
	const items = body[listKey];
	const totalPages = body.totalPages;
	if (!Array.isArray(items) || typeof totalPages !== 'number') {
		const { token } = await getConnection(this);
		throw apiError(this.getNode(), token, {
			message: `Unexpected response from Sophiie: no "${listKey}" list or "totalPages" in the page`,
			description: `GET /v1/${pathSegments.join('/')} answered with keys: ${Object.keys(body).join(', ') || '(none)'}`,
			itemIndex: options.itemIndex,
		});
	}
	return { items: items as IDataObject[], totalPages };
}
