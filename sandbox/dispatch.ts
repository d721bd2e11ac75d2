/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import type http from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

import { answerWithFault, loseAnswer } from './faults';
import type { Host, Reply, Route } from './http';
import { HttpError, MESSAGES, envelope, matchRoute, messageFor, readBody, sendReply } from './http';
import type { ControlContext } from './routes/controls';
import { controlRoutes } from './routes/controls';
import type { HostContext } from './routes/context';
import { knowledgeRoutes } from './routes/knowledge';
import { leadRoutes } from './routes/leads';
import { recordRoutes } from './routes/records';
import { webhooksHostRoutes } from './routes/webhooks-host';
import type { Sandbox } from './sandbox';
import type { RequestLogEntry, SandboxState } from './state';
import { ConflictError } from './store';
import type { WebhookHub } from './webhooks';

/**
 * One request's way through a host: `/__sandbox` controls answer at once;
 * everything else is logged, delayed by the latency, answered by a fault when
 * one matches, then authenticated, rate limited and routed.
 */

const HOST_ROUTES: Record<Host, Array<Route<HostContext>>> = {
	api: [...leadRoutes, ...recordRoutes, ...knowledgeRoutes],
	webhooks: webhooksHostRoutes,
};

/** API requests being answered at once, and the most since the last clear. */
export class Concurrency {
	private inFlight = 0;
	peak = 0;

	enter(res: http.ServerResponse) {
		this.inFlight++;
		this.peak = Math.max(this.peak, this.inFlight);
		res.once('close', () => this.inFlight--);
	}

	resetPeak() {
		this.peak = this.inFlight;
	}
}

export interface Services {
	state(): SandboxState;
	webhooks: WebhookHub;
	sandbox(): Sandbox;
	concurrency: Concurrency;
}

function parseRequest(req: http.IncomingMessage) {
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	const method = (req.method ?? 'GET').toUpperCase();
	const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
	return { url, method, segments };
}

function bearerToken(req: http.IncomingMessage): string {
	const auth = req.headers.authorization ?? '';
	return auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
}

function errorReply(host: Host, error: unknown): Reply {
	const status = error instanceof HttpError ? error.status : error instanceof ConflictError ? 409 : 500;
	return {
		status,
		body: envelope(status, messageFor(host, status)),
		headers: error instanceof HttpError ? error.headers : undefined,
	};
}

async function answerControl(services: Services, req: http.IncomingMessage, res: http.ServerResponse) {
	const { method, segments } = parseRequest(req);
	try {
		const context: ControlContext = { sandbox: services.sandbox(), state: services.state, body: await readBody(req) };
		const { route, params } = matchRoute(controlRoutes, method, segments);
		sendReply(res, route.handle(context, params));
	} catch (error) {
		const status = error instanceof HttpError ? error.status : 500;
		sendReply(res, { status, body: envelope(status, MESSAGES[status]) });
	}
}

/** What the host answers a request that got through: authenticated, rate limited, routed. */
function answerRoute(services: Services, host: Host, method: string, segments: string[], request: { token: string; orgId: string | null; query: URLSearchParams; body: unknown }): Reply {
	const state = services.state();
	try {
		if (!request.orgId) throw new HttpError(401);
		state.rateLimiter.check(request.token);
		const { route, params } = matchRoute(HOST_ROUTES[host], method, segments);
		const context: HostContext = { state, webhooks: services.webhooks, orgId: request.orgId, query: request.query, body: request.body };
		return route.handle(context, params);
	} catch (error) {
		return errorReply(host, error);
	}
}

async function answerHost(services: Services, host: Host, req: http.IncomingMessage, res: http.ServerResponse) {
	const state = services.state();
	const { url, method, segments } = parseRequest(req);
	const token = bearerToken(req);
	const orgId = state.tokens.get(token) ?? null;
	const query = Object.fromEntries(url.searchParams);
	const entry: RequestLogEntry = { host, method, path: url.pathname, query, orgId, body: undefined, status: 0, at: new Date().toISOString() };
	state.requestLog.push(entry);
	services.concurrency.enter(res);
	try {
		entry.body = await readBody(req);
	} catch (error) {
		const reply = errorReply(host, error);
		entry.status = reply.status;
		return sendReply(res, reply);
	}
	if (state.latencyMs > 0) await wait(state.latencyMs);
	const fault = state.faults.take(method, url.pathname + url.search);
	if (fault && !fault.processed) {
		entry.status = await answerWithFault(host, fault, req, res);
		return;
	}
	const reply = answerRoute(services, host, method, segments, { token, orgId, query: url.searchParams, body: entry.body });
	const send = () => {
		sendReply(res, reply);
		return reply.status;
	};
	if (fault?.status !== undefined && !fault.reset && !fault.delayMs) {
		// Processed, then answered with the fault's error instead (a 5xx after the work was done).
		entry.status = await answerWithFault(host, fault, req, res);
		return;
	}
	entry.status = fault ? await loseAnswer(fault, req, send) : send();
}

export async function dispatch(services: Services, host: Host, req: http.IncomingMessage, res: http.ServerResponse) {
	if (parseRequest(req).segments[0] === '__sandbox') return await answerControl(services, req, res);
	return await answerHost(services, host, req, res);
}
