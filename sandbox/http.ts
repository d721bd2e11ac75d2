/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import type http from 'node:http';

/**
 * HTTP plumbing shared by both hosts: the documented error envelope and
 * messages, JSON bodies in and out, and a small route table matcher.
 */

export const MESSAGES = {
	400: 'Bad request',
	401: 'Invalid or expired token',
	404: 'Not found',
	409: 'Conflict',
	429: 'Too many requests',
	500: 'Internal server error',
} as const;

export type DocumentedStatus = keyof typeof MESSAGES;

export type Host = 'api' | 'webhooks';

/** The webhooks host words some errors differently (sophiie-api.md §2.2). */
const WEBHOOKS_MESSAGES: Partial<Record<DocumentedStatus, string>> = {
	401: 'invalid_token',
	500: 'Oops! Something went wrong',
};

const MAX_BODY_BYTES = 1_000_000;

/** Thrown by a route to answer with a documented error. */
export class HttpError extends Error {
	constructor(
		readonly status: DocumentedStatus,
		readonly headers: Record<string, string> = {},
	) {
		super(MESSAGES[status]);
	}
}

export function messageFor(host: Host, status: DocumentedStatus): string {
	return (host === 'webhooks' && WEBHOOKS_MESSAGES[status]) || MESSAGES[status];
}

export function envelope(status: number, message: string) {
	return { success: false, message, error: { status, message } };
}

export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });

export function sendReply(res: http.ServerResponse, reply: Reply) {
	res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers });
	res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}

/** The request body as JSON; undefined when empty, a 400 when too large or not JSON. */
export async function readBody(req: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new HttpError(400);
		chunks.push(chunk as Buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw new HttpError(400);
	}
}

/**
 * One endpoint: a method and a path whose `:name` segments match any one
 * segment and reach the handler as `params.name`.
 */
export interface Route<Context> {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	handle(context: Context, params: Record<string, string>): Reply;
}

/** The first route of the table for this method and path, with its params; a 404 when none. */
export function matchRoute<Context>(table: Array<Route<Context>>, method: string, segments: string[]) {
	for (const route of table) {
		if (route.method !== method) continue;
		const pattern = route.path.split('/').filter((segment) => segment !== '');
		if (pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = pattern.every((part, index) => {
			if (part.startsWith(':')) params[part.slice(1)] = segments[index];
			return part.startsWith(':') || part === segments[index];
		});
		if (matches) return { route, params };
	}
	throw new HttpError(404);
}
