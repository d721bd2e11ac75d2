import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CONTRACT_HINT } from '../assumptions';

/**
 * How Sophiie's answers become NodeApiErrors: Sophiie's own message quoted, a
 * sentence per status that says what to do, and the access token redacted
 * wherever a server or library might have echoed it.
 */

/** Replaces the access token wherever a server or library might have echoed it. */
export function redact(text: string, token: string): string {
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

/**
 * A 404 in Sophiie's documented error envelope: Sophiie itself says the record
 * is not there. A 404 in any other shape (an HTML page, a proxy's text) more
 * likely means the base URL points somewhere else.
 */
export function isSophiieNotFound(status: number, body: unknown): boolean {
	return status === 404 && isSophiieErrorEnvelope(status, body);
}

/** Sophiie's documented error envelope for this status: `{ success: false, …, error: { status } }`. */
export function isSophiieErrorEnvelope(status: number, body: unknown): boolean {
	if (!body || typeof body !== 'object') return false;
	const envelope = body as { success?: unknown; error?: { status?: unknown } };
	return envelope.success === false && envelope.error?.status === status;
}

/** What came back, for messages about responses that are not what Sophiie documents. */
export function describeBody(body: unknown, contentType: string): string {
	const type = contentType || 'no content type';
	if (body === undefined || body === null || body === '') return `an empty body (${type})`;
	if (typeof body === 'string') return `${body.length} characters of ${type}: ${JSON.stringify(body.slice(0, 80))}`;
	return `${Array.isArray(body) ? 'a JSON list' : typeof body} (${type})`;
}

export interface ErrorDetails {
	status?: number;
	message: string;
	description: string;
	itemIndex?: number;
}

export function apiError(node: INode, token: string, details: ErrorDetails): NodeApiError {
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

/** What the caller knows about a request, for the error messages of its statuses. */
export interface ErrorContext {
	/** What the path names, e.g. `lead ld_abc123`, so a 404 can say what was not found. */
	subject?: string;
	/** What a 409 conflict most likely means for this request (e.g. a lead's email in use). */
	conflictHint?: string;
	/** The request, e.g. `GET /v1/organization/products`: a 404 without a subject is about the endpoint itself. */
	endpoint?: string;
	/** Said instead of "try again later" when the request may have been processed (a POST answered 5xx). */
	unclearOutcome?: string;
}

type StatusWording = (said: string | undefined, status: number, context: ErrorContext) => { message: string; advice: string };

const quoted = (said: string | undefined) => (said ? `: "${said}"` : '');

/** Message and advice per status; anything else 4xx falls back to "rejected the request". */
const STATUS_WORDING: Record<number, StatusWording> = {
	// The node checks every field it sends first, so a 400 is most likely a value or field Sophiie wants otherwise.
	400: (said) => ({
		message: `Sophiie rejected the request as invalid${quoted(said)} (HTTP 400)`,
		advice: `The node checked the fields it knows before sending; Sophiie takes something else here (a value, a required field). ${CONTRACT_HINT}`,
	}),
	401: (said) => ({
		message: `Sophiie rejected the access token${quoted(said)} – check the Sophiie credential`,
		advice: "Check that the Access Token is current and belongs to the credential's environment.",
	}),
	403: (said) => ({
		message: `Sophiie refused access${quoted(said)} (HTTP 403)`,
		advice: 'The API key may not be allowed to do this.',
	}),
	404: (said, _status, { subject, endpoint }) =>
		subject
			? {
					message: `${capitalize(subject)} not found`,
					advice: "It may have been deleted, or belong to another Sophiie organization than the credential's.",
				}
			: {
					message: `Sophiie has no ${endpoint ?? 'such endpoint'}${quoted(said)} – check the credential's environment and base URL`,
					advice: 'This request names no record, so the endpoint itself was not found: the Base URL may point at another server or API version.',
				},
	409: (said, _status, { conflictHint }) => ({
		message: `Sophiie reported a conflict${quoted(said)} (HTTP 409)`,
		advice: conflictHint ?? 'Something it refers to may already exist.',
	}),
	429: (said) => ({
		message: `Sophiie's rate limit was reached${quoted(said)} (HTTP 429)`,
		advice: 'Wait a moment, or send fewer requests per minute.',
	}),
};

const SERVER_ERROR: StatusWording = (said, status, { unclearOutcome }) => ({
	message: `Sophiie server error (HTTP ${status})${quoted(said)}`,
	advice: unclearOutcome ?? "This is on Sophiie's side; try again later.",
});

const OTHER_REJECTION: StatusWording = (said, status) => ({
	message: `Sophiie rejected the request (HTTP ${status})${quoted(said)}`,
	advice: '',
});

/** The message and description for a non-2xx answer. */
export function httpErrorDetails(
	status: number,
	body: unknown,
	contentType: string,
	context: ErrorContext = {},
): { message: string; description: string } {
	const said = sophiieMessageOf(body);
	const sophiieSays = said
		? `Sophiie says "${said}" (HTTP ${status}).`
		: `HTTP ${status}, with ${describeBody(body, contentType)}.`;
	const wording = STATUS_WORDING[status] ?? (status >= 500 ? SERVER_ERROR : OTHER_REJECTION);
	const { message, advice } = wording(said, status, context);
	return { message, description: advice ? `${sophiieSays} ${advice}` : sophiieSays };
}

/**
 * Network failures in words. The message must not contain the raw code:
 * NodeApiError would replace a message mentioning e.g. ECONNREFUSED with a
 * generic text that no longer says which host failed.
 */
export const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
};

/**
 * The network error code of a failed request: on the error or its cause, or,
 * where n8n's helper wrapped it in a NodeApiError (n8n 1.1xx), in its
 * `errorResponse` or as its `httpCode` (e.g. "ECONNRESET").
 */
export function networkErrorCode(error: unknown): string | undefined {
	const wrapped = error as { cause?: { code?: unknown }; errorResponse?: { code?: unknown }; httpCode?: unknown } | undefined;
	const candidates = [(error as { code?: unknown })?.code, wrapped?.cause?.code, wrapped?.errorResponse?.code, wrapped?.httpCode];
	for (const code of candidates) {
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	return undefined;
}

/** Whether Sophiie answered 404 to the request that failed with `error`. */
export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Whether Sophiie answered 409 (a conflict, such as a duplicate) to the request that failed with `error`. */
export function isConflict(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '409';
}

/**
 * An error thrown by a node, from whatever an operation threw: both n8n
 * constructors hand back an error of their own class unchanged (message,
 * description and http code kept); anything unexpected is wrapped.
 */
export function asNodeError(node: INode, error: Error, itemIndex?: number): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError
		? new NodeApiError(node, error as unknown as JsonObject)
		: new NodeOperationError(node, error, { itemIndex });
}
