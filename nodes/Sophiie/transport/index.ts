import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
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
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { SOPHIIE_ENVIRONMENTS, type SophiieEnvironment } from '../../../credentials/SophiieApi.credentials';

/**
 * The one place that talks to Sophiie, on its two hosts (the `/v1` API and the
 * webhooks host): base URLs, authentication, timeouts, retries, error mapping
 * and pagination. Callers pass path segments and get parsed bodies back.
 */
export type SophiieContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'sophiieApi';

/** Sophiie's documented maximum `limit` for list endpoints. */
export const MAX_PAGE_SIZE = 100;

/** Stops a server that never reports the last page from looping forever. */
const MAX_PAGES = 10_000;

/** How many pages after the one being read are requested at the same time. */
const PAGES_REQUESTED_AHEAD = 4;

/** Pages in a row that bring nothing new before the server is taken to be repeating itself. */
const MAX_PAGES_WITHOUT_NEW_ITEMS = 3;

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 600;

/**
 * Retries: a 429 is retried for every method (Sophiie did not process it),
 * honouring Retry-After; 502/503/504, timeouts and dropped connections only
 * for idempotent methods, since a POST may already have reached Sophiie.
 */
const RETRY = {
	maxAttempts: 6,
	/** The longest total wait across the retries of one request. */
	maxTotalWaitMs: 5 * 60_000,
	baseDelayMs: 400,
	maxDelayMs: 30_000,
};
const IDEMPOTENT_METHODS = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

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
	timeoutMs: number;
	/**
	 * The decrypted credential, handed to every request so that n8n does not
	 * load and decrypt it again for each one.
	 */
	credential: ICredentialsDecrypted;
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

/** The node's "Options › Timeout (Seconds)", where the node has it. */
function readTimeoutMs(context: SophiieContext): number {
	const path = 'options.timeout';
	const seconds =
		'getInputData' in context
			? context.getNodeParameter(path, 0, DEFAULT_TIMEOUT_SECONDS)
			: context.getNodeParameter(path, DEFAULT_TIMEOUT_SECONDS);
	if (typeof seconds !== 'number' || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid Options › Timeout (Seconds) in item 0: ${JSON.stringify(seconds)} is not a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`,
			{ itemIndex: 0 },
		);
	}
	return seconds * 1000;
}

async function readConnection(context: SophiieContext): Promise<SophiieConnection> {
	const timeoutMs = readTimeoutMs(context);
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as SophiieCredentials;
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const credential: ICredentialsDecrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: CREDENTIAL_TYPE,
		data: credentials as ICredentialDataDecryptedObject,
	};
	const environment = credentials.environment ?? 'production';
	const token = credentials.accessToken ?? '';
	if (environment === 'custom') {
		return {
			apiBaseUrl: trimTrailingSlashes(credentials.baseUrl ?? ''),
			webhooksBaseUrl: trimTrailingSlashes(credentials.webhooksBaseUrl ?? ''),
			token,
			timeoutMs,
			credential,
		};
	}
	return { ...SOPHIIE_ENVIRONMENTS[environment], token, timeoutMs, credential };
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

/** Sophiie's message from its error envelope; never a page of HTML or other raw text. */
function sophiieMessageOf(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const envelope = body as { message?: unknown; error?: { message?: unknown } };
		if (typeof envelope.error?.message === 'string') return envelope.error.message;
		if (typeof envelope.message === 'string') return envelope.message;
	}
	return undefined;
}

/** What came back, for messages about responses that are not what Sophiie documents. */
function describeBody(body: unknown, contentType: string): string {
	const type = contentType || 'no content type';
	if (body === undefined || body === null || body === '') return `an empty body (${type})`;
	if (typeof body === 'string') return `${body.length} characters of ${type}: ${JSON.stringify(body.slice(0, 80))}`;
	return `${Array.isArray(body) ? 'a JSON list' : typeof body} (${type})`;
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

/** apiError for a context whose connection (and so token) is already known. */
async function listError(context: SophiieContext, details: Parameters<typeof apiError>[2]): Promise<NodeApiError> {
	const { token } = await getConnection(context);
	return apiError(context.getNode(), token, details);
}

function httpErrorDetails(status: number, body: unknown, contentType: string, subject: string | undefined) {
	const said = sophiieMessageOf(body);
	const sophiieSays = said
		? `Sophiie says "${said}" (HTTP ${status}).`
		: `HTTP ${status}, with ${describeBody(body, contentType)}.`;
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

type Attempt =
	| { response: IN8nHttpFullResponse; networkCode?: undefined }
	| { response?: undefined; networkCode: string | undefined };

/** Retry-After as seconds or an HTTP date, in milliseconds. */
function retryAfterMs(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number): number {
	const ceiling = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling * (0.5 + Math.random() / 2));
}

/** How long to wait before trying again, or undefined when this outcome is final. */
function retryDelayMs(attempt: Attempt, method: string, attemptNumber: number): number | undefined {
	const idempotent = IDEMPOTENT_METHODS.has(method);
	if (attempt.response) {
		const { statusCode, headers } = attempt.response;
		const retryAfter = retryAfterMs(headers?.['retry-after']);
		if (statusCode === 429) return retryAfter ?? backoffMs(attemptNumber);
		if (RETRYABLE_STATUSES.has(statusCode) && idempotent) return retryAfter ?? backoffMs(attemptNumber);
		return undefined;
	}
	return idempotent && attempt.networkCode && RETRYABLE_NETWORK_CODES.has(attempt.networkCode)
		? backoffMs(attemptNumber)
		: undefined;
}

/** Sends one request to a Sophiie host, retrying what is safe to retry, and returns the JSON object it answered. */
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
		timeout: connection.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};

	let attempt: Attempt;
	let attempts = 0;
	let waitedMs = 0;
	for (;;) {
		attempts++;
		try {
			attempt = {
				response: (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
					credentialsDecrypted: connection.credential,
				})) as IN8nHttpFullResponse,
			};
		} catch (error) {
			attempt = { networkCode: networkErrorCode(error) };
		}
		const delay = retryDelayMs(attempt, method, attempts);
		if (delay === undefined || attempts >= RETRY.maxAttempts || waitedMs + delay > RETRY.maxTotalWaitMs) break;
		await sleep(delay);
		waitedMs += delay;
	}
	const tries = attempts > 1 ? `; gave up after ${attempts} attempts` : '';

	if (!attempt.response) {
		const code = attempt.networkCode;
		const reason = (code && NETWORK_FAILURES[code]) ?? `the request failed before ${hostName} answered`;
		throw apiError(context.getNode(), token, {
			message: `Could not reach ${hostName} at ${baseUrl}: ${reason}${tries}`,
			description: `${method} ${path} failed${code ? ` (${code})` : ''}. Check the credential's environment or base URL, and the network.`,
			itemIndex: options.itemIndex,
		});
	}

	const { statusCode, body, headers } = attempt.response;
	const contentType = String(headers?.['content-type'] ?? '').split(';')[0].trim();
	if (statusCode < 200 || statusCode >= 300) {
		const details = httpErrorDetails(statusCode, body, contentType, options.subject);
		throw apiError(context.getNode(), token, {
			status: statusCode,
			message: `${details.message}${tries}`,
			description: details.description,
			itemIndex: options.itemIndex,
		});
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw apiError(context.getNode(), token, {
			status: statusCode,
			message: `Unexpected response from ${hostName} (HTTP ${statusCode}): expected a JSON object, got ${describeBody(body, contentType)}`,
			description: `${method} ${path} answered with something other than the JSON Sophiie documents.`,
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
 * until `totalPages` or `limit`. After the first page, the next few pages are
 * requested ahead at once, but pages are read strictly in order; an item whose
 * id was already returned is dropped (pages shift when new items arrive).
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
	// Without a filter, a limit tells how many pages can be needed at most.
	const lastUsefulPage = limit !== undefined && !filter ? Math.ceil(limit / pageSize) : MAX_PAGES;
	const requested = new Map<number, Promise<ListPage>>();
	const request = (page: number) => {
		let pending = requested.get(page);
		if (!pending) {
			pending = sophiieApiRequestPage.call(this, pathSegments, listKey, {
				...requestOptions,
				qs: { ...requestOptions.qs, page, limit: pageSize },
			});
			// Read (and so rethrown) later, in page order; never an unhandled rejection meanwhile.
			pending.catch(() => undefined);
			requested.set(page, pending);
		}
		return pending;
	};

	const seenIds = new Set<unknown>();
	const results: IDataObject[] = [];
	let pagesWithoutNewItems = 0;
	let totalPages = 1;

	for (let page = 1; page <= MAX_PAGES; page++) {
		const aheadUntil = Math.min(totalPages, lastUsefulPage, page + PAGES_REQUESTED_AHEAD);
		for (let ahead = page + 1; ahead <= aheadUntil; ahead++) void request(ahead);
		const current = await request(page);
		requested.delete(page);
		totalPages = current.totalPages;

		let newItems = 0;
		for (const item of current.items) {
			if (item.id !== undefined) {
				if (seenIds.has(item.id)) continue;
				seenIds.add(item.id);
			}
			newItems++;
			if (filter && !filter(item)) continue;
			results.push(item);
			if (limit !== undefined && results.length >= limit) return results;
		}
		if (current.items.length === 0 || page >= totalPages) return results;
		pagesWithoutNewItems = newItems === 0 ? pagesWithoutNewItems + 1 : 0;
		if (pagesWithoutNewItems >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
			throw await listError(this, {
				message: `Sophiie returned ${MAX_PAGES_WITHOUT_NEW_ITEMS} pages in a row with nothing new (up to page ${page} of ${totalPages} of /v1/${pathSegments.join('/')})`,
				description: 'Stopped instead of reading the same items forever. Try again later.',
				itemIndex: options.itemIndex,
			});
		}
	}
	throw await listError(this, {
		message: `Sophiie kept returning pages after ${MAX_PAGES} pages of /v1/${pathSegments.join('/')}`,
		description: 'Stopped to avoid an endless loop; the list may be changing faster than it can be read.',
		itemIndex: options.itemIndex,
	});
}

interface ListPage {
	items: IDataObject[];
	totalPages: number;
}

/** Reads one page of a paginated list and checks its envelope. */
export async function sophiieApiRequestPage(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: SophiieRequestOptions,
): Promise<ListPage> {
	const body = await sophiieApiRequest.call(this, 'GET', pathSegments, options);
	const items = body[listKey];
	const totalPages = body.totalPages;
	if (!Array.isArray(items) || typeof totalPages !== 'number') {
		throw await listError(this, {
			message: `Unexpected response from Sophiie: no "${listKey}" list or "totalPages" in the page`,
			description: `GET /v1/${pathSegments.join('/')} answered with keys: ${Object.keys(body).join(', ') || '(none)'}`,
			itemIndex: options.itemIndex,
		});
	}
	return { items: items as IDataObject[], totalPages };
}
