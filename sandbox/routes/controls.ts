import type { Fault } from '../faults';
import type { Route } from '../http';
import { HttpError, ok } from '../http';
import type { RateLimit } from '../rate-limit';
import type { Sandbox } from '../sandbox';
import type { SandboxState } from '../state';

/** `/__sandbox/...`: test and demo controls, the same on both hosts. Never logged, never rate limited. */

export interface ControlContext {
	sandbox: Sandbox;
	/** The state after the sandbox's own method has run, to answer with what it now holds. */
	state(): SandboxState;
	body: unknown;
}

const input = (body: unknown) => (body ?? {}) as Record<string, unknown>;

export const controlRoutes: Array<Route<ControlContext>> = [
	{ method: 'GET', path: '/__sandbox/requests', handle: ({ sandbox }) => ok(sandbox.requests()) },
	{
		method: 'DELETE',
		path: '/__sandbox/requests',
		handle: ({ sandbox }) => {
			sandbox.clearRequests();
			return ok({ cleared: true });
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/reset',
		handle: ({ sandbox }) => {
			sandbox.reset();
			return ok({ reset: true });
		},
	},
	{ method: 'GET', path: '/__sandbox/seed', handle: ({ sandbox }) => ok(sandbox.seed) },
	{
		method: 'POST',
		path: '/__sandbox/faults',
		handle: ({ sandbox, state, body }) => {
			sandbox.addFault(body as Fault);
			return ok({ faults: state().faults.size });
		},
	},
	{
		method: 'DELETE',
		path: '/__sandbox/faults',
		handle: ({ sandbox }) => {
			sandbox.clearFaults();
			return ok({ faults: 0 });
		},
	},
	{
		method: 'PUT',
		path: '/__sandbox/latency',
		handle: ({ sandbox, state, body }) => {
			sandbox.setLatency(Number(input(body).ms) || 0);
			return ok({ latencyMs: state().latencyMs });
		},
	},
	{
		method: 'PUT',
		path: '/__sandbox/rate-limit',
		handle: ({ sandbox, state, body }) => {
			sandbox.setRateLimit((body as RateLimit | null) ?? null);
			return ok({ rateLimit: state().rateLimiter.rateLimit });
		},
	},
	{
		method: 'PUT',
		path: '/__sandbox/clock',
		handle: ({ sandbox, body }) => {
			sandbox.freezeClock(input(body).frozen === true);
			return ok({ frozen: input(body).frozen === true });
		},
	},
	{ method: 'GET', path: '/__sandbox/subscriptions', handle: ({ sandbox }) => ok(sandbox.webhooks.list()) },
	{ method: 'GET', path: '/__sandbox/deliveries', handle: ({ sandbox }) => ok(sandbox.webhooks.deliveries) },
	{
		method: 'POST',
		path: '/__sandbox/events',
		handle: ({ sandbox, body }) => {
			const { event, orgId, leadId } = input(body);
			if (typeof event !== 'string') throw new HttpError(400);
			return ok({ event, data: sandbox.fireEvent(event, orgId as string | undefined, leadId as string | undefined) });
		},
	},
];
