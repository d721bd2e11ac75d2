/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Inquiry } from './records';
import { INQUIRY_SOURCES, inquiryOf } from './records';
import { appointmentSamples, inquirySamples, leadSamples, syntheticEventData } from './samples';
import type { SeedInfo } from './seed';
import { seedStore } from './seed';
import type { LeadInput, LeadRecord, SophiieStore } from './store';
import { ConflictError, WRITABLE_LEAD_FIELDS, leadDetail, leadListItem, leadSummary } from './store';
import type { DeliveryOptions } from './webhooks';
import { DEFAULT_DELIVERY, SubscriptionError, WebhookHub } from './webhooks';

/**
 * A local, faithful Sophiie (sophiie-api.md) on two ports, like Sophiie's two
 * hosts: the `/v1` API and the webhooks host (`/api/webhooks/zapier/...`).
 * Bearer tokens are scoped to one organization each; errors use the documented
 * envelope and messages; lists follow the page/limit rules. For tests and demos
 * both hosts also serve `/__sandbox/...`: a request log, a reset, a per-token
 * rate limit, fault injection, the live subscriptions, the delivery log, and
 * events on demand.
 */

export interface RateLimit {
	/** Requests allowed per token in each window. */
	limit: number;
	windowMs: number;
}

export interface Fault {
	method?: string;
	/** Regular expression matched against the path and query, e.g. `activities\\?page=2&`. */
	path: string;
	status?: number;
	/** Raw response body; a JSON error envelope for `status` when omitted. */
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Close the connection without answering. */
	reset?: boolean;
	/** How many matching requests to affect; every one when omitted. */
	times?: number;
	/** How many matching requests to let through untouched first. */
	after?: number;
}

export interface RequestLogEntry {
	host: 'api' | 'webhooks';
	method: string;
	path: string;
	query: Record<string, string>;
	/** Organization of the token used, or null when the token was missing or unknown. */
	orgId: string | null;
	body: unknown;
	status: number;
	at: string;
}

export interface SandboxOptions {
	port?: number;
	/** Port of the webhooks host; any free port when omitted. */
	webhooksPort?: number;
	host?: string;
	rateLimit?: RateLimit | null;
	delivery?: Partial<DeliveryOptions>;
}

export interface Sandbox {
	/** Base URL of the `/v1` API host. */
	url: string;
	/** Base URL of the webhooks host. */
	webhooksUrl: string;
	seed: SeedInfo;
	store: SophiieStore;
	webhooks: WebhookHub;
	/** Creates a lead or another event as if it happened in Sophiie, delivering webhooks. */
	fireEvent(event: string, orgId?: string, leadId?: string): unknown;
	requests(): RequestLogEntry[];
	/** Clears the request log and the peak of requests handled at once. */
	clearRequests(): void;
	/** The most API requests that were being handled at the same time since the last clear. */
	peakConcurrency(): number;
	/** Adds this many milliseconds before every API answer, like a network away from the client. */
	setLatency(ms: number): void;
	addFault(fault: Fault): void;
	clearFaults(): void;
	setRateLimit(rateLimit: RateLimit | null): void;
	reset(): void;
	close(): Promise<void>;
}

const MESSAGES = {
	400: 'Bad request',
	401: 'Invalid or expired token',
	404: 'Not found',
	409: 'Conflict',
	429: 'Too many requests',
	500: 'Internal server error',
} as const;

/** The webhooks host words some errors differently (sophiie-api.md §2.2). */
const WEBHOOKS_MESSAGES: Partial<Record<keyof typeof MESSAGES, string>> = {
	401: 'invalid_token',
	500: 'Oops! Something went wrong',
};

const MAX_BODY_BYTES = 1_000_000;

class HttpError extends Error {
	constructor(
		readonly status: keyof typeof MESSAGES,
		readonly headers: Record<string, string> = {},
	) {
		super(MESSAGES[status]);
	}
}

function envelope(status: number, message: string) {
	return { success: false, message, error: { status, message } };
}

interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

interface Paging {
	page: number;
	limit: number;
}

/** Sophiie's documented page/limit rules: page ≥ 1 (default 1), limit 1..100 (default 50). */
function parsePaging(query: URLSearchParams): Paging {
	const read = (name: string, fallback: number, max: number) => {
		const raw = query.get(name);
		if (raw === null) return fallback;
		if (!/^\d+$/.test(raw)) throw new HttpError(400);
		const value = Number(raw);
		if (value < 1 || value > max) throw new HttpError(400);
		return value;
	};
	return { page: read('page', 1, Number.MAX_SAFE_INTEGER), limit: read('limit', 50, 100) };
}

function paginate<T, R>(key: string, all: T[], { page, limit }: Paging, shape: (item: T) => R) {
	const start = (page - 1) * limit;
	return {
		[key]: all.slice(start, start + limit).map(shape),
		totalPages: Math.ceil(all.length / limit),
		currentPage: page,
		totalCount: all.length,
	};
}

/** Get Inquiry's documented shape: everything but the id in the external system. */
function inquiryDetail(inquiry: Inquiry): Partial<Inquiry> {
	const detail: Partial<Inquiry> = { ...inquiry };
	delete detail.externalInquiryId;
	return detail;
}

function readLeadInput(body: unknown): LeadInput {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400);
	const source = body as Record<string, unknown>;
	const input: LeadInput = {};
	for (const field of WRITABLE_LEAD_FIELDS) {
		const value = source[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') throw new HttpError(400);
		input[field] = value;
	}
	if (source.socials !== undefined) {
		const socials = source.socials;
		if (!socials || typeof socials !== 'object' || Array.isArray(socials)) throw new HttpError(400);
		input.socials = {};
		for (const [name, value] of Object.entries(socials)) {
			if (typeof value !== 'string') throw new HttpError(400);
			input.socials[name] = value;
		}
	}
	return input;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	let { store, seed } = seedStore();
	const webhooks = new WebhookHub({ ...DEFAULT_DELIVERY, ...options.delivery });
	let tokens = new Map<string, string>();
	const connectStore = () => {
		tokens = new Map(Object.values(seed.organizations).map((org) => [org.token, org.id]));
		store.onLeadEvent = (orgId, event, lead) => webhooks.emit(orgId, event, leadSummary(lead));
	};
	connectStore();

	let requestLog: RequestLogEntry[] = [];
	let faults: (Fault & { pattern: RegExp })[] = [];
	let latencyMs = 0;
	let inFlight = 0;
	let peakInFlight = 0;
	let rateLimit: RateLimit | null = options.rateLimit ?? null;
	const initialRateLimit = rateLimit;
	const hits = new Map<string, number[]>();

	const ownerOf = (orgId: string) =>
		Object.values(seed.organizations).find((org) => org.id === orgId)!.ownerId;

	function newLeadId(): string {
		let id: string;
		do id = `ld_${randomBytes(6).toString('hex')}`;
		while (store.hasLeadId(id));
		return id;
	}

	function checkRateLimit(token: string) {
		if (!rateLimit) return;
		const now = Date.now();
		const recent = (hits.get(token) ?? []).filter((at) => at > now - rateLimit!.windowMs);
		if (recent.length >= rateLimit.limit) {
			const retryAfter = Math.max(1, Math.ceil((recent[0] + rateLimit.windowMs - now) / 1000));
			hits.set(token, recent);
			throw new HttpError(429, { 'Retry-After': String(retryAfter) });
		}
		recent.push(now);
		hits.set(token, recent);
	}

	/** The `/v1` API host, for an authenticated organization. */
	function routeApi(method: string, segments: string[], query: URLSearchParams, body: unknown, orgId: string): Reply {
		if (segments[0] !== 'v1') throw new HttpError(404);
		const [resource, id, sub, ...rest] = segments.slice(1);
		if (rest.length > 0) throw new HttpError(404);

		if (resource === 'organization' && id === undefined && method === 'GET') {
			return { status: 200, body: store.organizations.get(orgId) };
		}
		if (resource === 'members' && id === undefined && method === 'GET') {
			return { status: 200, body: paginate('members', store.members.get(orgId)!, parsePaging(query), (m) => m) };
		}
		if (resource !== 'leads') return routeRecords(method, [resource, id, sub], query, body, orgId);

		if (id === undefined) {
			if (method === 'GET') {
				return { status: 200, body: paginate('leads', store.listLeads(orgId), parsePaging(query), leadListItem) };
			}
			if (method === 'POST') {
				const input = readLeadInput(body);
				// The documented example sends only firstName; the third-party client requires it too.
				if (!input.firstName?.trim()) throw new HttpError(400);
				const lead = store.createLead(orgId, newLeadId(), input, ownerOf(orgId));
				return { status: 201, body: { lead: leadSummary(lead) } };
			}
			throw new HttpError(404);
		}

		const lead = store.findLead(orgId, id);
		if (!lead) throw new HttpError(404);
		if (sub === undefined) {
			if (method === 'GET') return { status: 200, body: leadDetail(lead) };
			if (method === 'PUT') {
				const updated = store.updateLead(orgId, lead, readLeadInput(body), ownerOf(orgId));
				return { status: 200, body: { lead: leadSummary(updated) } };
			}
			if (method === 'DELETE') {
				store.deleteLead(orgId, lead, ownerOf(orgId));
				return { status: 200, body: { message: 'Lead deleted successfully' } };
			}
		}
		if (sub === 'activities' && method === 'GET') {
			return { status: 200, body: paginate('activities', store.listActivities(lead.id), parsePaging(query), (a) => a) };
		}
		if (sub === 'notes' && method === 'GET') {
			return { status: 200, body: paginate('notes', store.listNotes(lead.id), parsePaging(query), (n) => n) };
		}
		throw new HttpError(404);
	}

	/** Inquiries, appointments, organization lists, company notes and SMS (sophiie-api.md §5–§9). */
	function routeRecords(
		method: string,
		[resource, id, sub]: Array<string | undefined>,
		query: URLSearchParams,
		body: unknown,
		orgId: string,
	): Reply {
		const records = store.records.get(orgId)!;
		if (resource === 'inquiries' && method === 'GET') {
			if (id !== undefined) {
				const inquiry = sub === undefined ? records.inquiries.find((candidate) => candidate.id === id) : undefined;
				if (!inquiry) throw new HttpError(404);
				return { status: 200, body: inquiryDetail(inquiry) };
			}
			const paging = parsePaging(query);
			const source = query.get('source');
			const expand = query.get('expand');
			if (source !== null && !(INQUIRY_SOURCES as readonly string[]).includes(source)) throw new HttpError(400);
			if (expand !== null && !['external', 'lead', 'both'].includes(expand)) throw new HttpError(400);
			const leadId = query.get('leadId');
			const matching = records.inquiries.filter(
				(inquiry) => (!leadId || inquiry.leadId === leadId) && (!source || inquiry.source === source),
			);
			const shape = (inquiry: Inquiry) => {
				const expanded: Record<string, unknown> = inquiryDetail(inquiry);
				delete expanded.data;
				if (expand === 'external' || expand === 'both') expanded.externalInquiryId = inquiry.externalInquiryId;
				if (expand === 'lead' || expand === 'both') {
					const lead = store.findLead(orgId, inquiry.leadId);
					expanded.lead = lead
						? { id: lead.id, firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone }
						: null;
				}
				return expanded;
			};
			return { status: 200, body: paginate('inquiries', matching, paging, shape) };
		}
		if (resource === 'appointments' && id === undefined && method === 'GET') {
			const paging = parsePaging(query);
			const leadId = query.get('leadId');
			const matching = records.appointments.filter((appointment) => !leadId || appointment.leadId === leadId);
			return { status: 200, body: paginate('appointments', matching, paging, (a) => a) };
		}
		if (resource === 'organization' && method === 'GET' && sub === undefined) {
			if (id === 'members') {
				return { status: 200, body: paginate('members', records.organizationMembers, parsePaging(query), (m) => m) };
			}
			if (id === 'products' || id === 'services') {
				const catalogue = id === 'products' ? records.products : records.services;
				const count = catalogue.categories.reduce(
					(sum, category) => sum + ((category as Record<string, unknown[]>)[id]?.length ?? 0),
					0,
				);
				const total = id === 'products' ? 'totalProducts' : 'totalServices';
				return { status: 200, body: { ...catalogue, totalCategories: catalogue.categories.length, [total]: count } };
			}
		}
		if (resource === 'companies' && id !== undefined && sub === 'notes' && method === 'GET') {
			const notes = records.companyNotes.get(id);
			if (!notes) throw new HttpError(404);
			return { status: 200, body: paginate('notes', notes, parsePaging(query), (n) => n) };
		}
		if (resource === 'sms' && id === undefined && method === 'POST') {
			const { userId, leadId, message, messageThreadId } = (body ?? {}) as Record<string, unknown>;
			if (typeof message !== 'string' || message.trim() === '' || typeof userId !== 'string' || typeof leadId !== 'string') {
				throw new HttpError(400);
			}
			if (messageThreadId !== undefined && (typeof messageThreadId !== 'number' || !Number.isInteger(messageThreadId))) {
				throw new HttpError(400);
			}
			const lead = store.findLead(orgId, leadId);
			const sender = store.members.get(orgId)!.find((member) => member.id === userId);
			if (!lead || !sender) throw new HttpError(404);
			let threadId = messageThreadId as number | undefined;
			if (threadId === undefined) {
				// "If messageThreadId is not provided, a new message thread and inquiry will be created."
				threadId = records.nextThreadId++;
				const inquiry = inquiryOf(lead, `in_${randomBytes(4).toString('hex')}`, 'SMS', store.now(), message.slice(0, 120));
				records.inquiries.unshift(inquiry);
				webhooks.emit(orgId, 'INQUIRY_CREATED', inquiryDetail(inquiry));
			} else if (!records.sms.some((sms) => sms.messageThreadId === threadId)) {
				throw new HttpError(404);
			}
			records.sms.push({ userId, leadId, message, messageThreadId: threadId, sentAt: store.now() });
			return { status: 200, body: { message: 'Message sent successfully' } };
		}
		throw new HttpError(404);
	}

	/** `org_id` and `user_id` as the webhooks host requires them: the token's organization and one of its members. */
	function requireOrgAndUser(query: URLSearchParams, orgId: string) {
		const userId = query.get('user_id');
		const isMember = store.members.get(orgId)!.some((member) => member.id === userId);
		if (query.get('org_id') !== orgId || !userId || !isMember) throw new HttpError(400);
		return userId;
	}

	/** The webhooks host, for an authenticated organization. */
	function routeWebhooks(method: string, segments: string[], query: URLSearchParams, body: unknown, orgId: string): Reply {
		const [api, webhooksSegment, zapier, action, ...rest] = segments;
		if (api !== 'api' || webhooksSegment !== 'webhooks' || zapier !== 'zapier' || rest.length > 0) {
			throw new HttpError(404);
		}
		try {
			if (action === 'subscribe' && method === 'POST') {
				const subscription = webhooks.subscribe(orgId, requireOrgAndUser(query, orgId), body);
				return { status: 200, body: { id: subscription.id } };
			}
			if (action === 'unsubscribe' && method === 'DELETE') {
				// The endpoint page sends hookId with org_id/user_id; the overview example sends hookUrl + trigger alone.
				if ((body as { hookId?: unknown } | undefined)?.hookId !== undefined) requireOrgAndUser(query, orgId);
				webhooks.unsubscribe(orgId, body);
				return { status: 200, body: { success: true } };
			}
		} catch (error) {
			if (error instanceof SubscriptionError) throw new HttpError(error.status);
			throw error;
		}
		if (method === 'GET' && (action === 'leads' || action === 'appointments' || action === 'inquiries')) {
			requireOrgAndUser(query, orgId);
			const recentLeads = store.listLeads(orgId).slice(0, 5);
			const samples = { leads: leadSamples, appointments: appointmentSamples, inquiries: inquirySamples }[action];
			return { status: 200, body: samples(recentLeads) };
		}
		throw new HttpError(404);
	}

	function fireEvent(event: string, orgId = seed.organizations.acme.id, leadId?: string): unknown {
		if (!store.organizations.has(orgId)) throw new HttpError(404);
		const userId = ownerOf(orgId);
		const existing = (): LeadRecord => {
			const lead = leadId ? store.findLead(orgId, leadId) : store.listLeads(orgId)[0];
			if (!lead) throw new HttpError(404);
			return lead;
		};
		if (event === 'LEAD_CREATED') {
			const n = store.listLeads(orgId).length + 1;
			const lead = store.createLead(
				orgId,
				newLeadId(),
				{ firstName: 'Sam', lastName: `Sandbox ${n}`, email: `sam.sandbox.${Date.now()}.${n}@example.com`, suburb: 'Surry Hills' },
				userId,
			);
			return leadSummary(lead);
		}
		if (event === 'LEAD_UPDATED') {
			const lead = store.updateLead(orgId, existing(), { suburb: 'Newtown' }, userId);
			return leadSummary(lead);
		}
		if (event === 'LEAD_DELETED') {
			const lead = existing();
			store.deleteLead(orgId, lead, userId);
			return leadSummary(lead);
		}
		if (event !== 'INQUIRY_CREATED' && event !== 'APPOINTMENT_CREATED') throw new HttpError(400);
		const data = syntheticEventData(event, existing());
		webhooks.emit(orgId, event, data);
		return data;
	}

	/** `/__sandbox/...`: test and demo controls. Never logged, never rate limited. */
	function control(method: string, segments: string[], body: unknown): Reply {
		const what = segments.join('/');
		const input = (body ?? {}) as Record<string, unknown>;
		if (what === 'requests' && method === 'GET') return { status: 200, body: requestLog };
		if (what === 'requests' && method === 'DELETE') {
			sandbox.clearRequests();
			return { status: 200, body: { cleared: true } };
		}
		if (what === 'reset' && method === 'POST') {
			sandbox.reset();
			return { status: 200, body: { reset: true } };
		}
		if (what === 'seed' && method === 'GET') return { status: 200, body: seed };
		if (what === 'faults' && method === 'POST') {
			sandbox.addFault(body as Fault);
			return { status: 200, body: { faults: faults.length } };
		}
		if (what === 'faults' && method === 'DELETE') {
			sandbox.clearFaults();
			return { status: 200, body: { faults: 0 } };
		}
		if (what === 'latency' && method === 'PUT') {
			sandbox.setLatency(Number(input.ms) || 0);
			return { status: 200, body: { latencyMs } };
		}
		if (what === 'rate-limit' && method === 'PUT') {
			sandbox.setRateLimit((body as RateLimit | null) ?? null);
			return { status: 200, body: { rateLimit } };
		}
		if (what === 'subscriptions' && method === 'GET') return { status: 200, body: webhooks.list() };
		if (what === 'deliveries' && method === 'GET') return { status: 200, body: webhooks.deliveries };
		if (what === 'events' && method === 'POST') {
			if (typeof input.event !== 'string') throw new HttpError(400);
			const data = fireEvent(input.event, input.orgId as string | undefined, input.leadId as string | undefined);
			return { status: 200, body: { event: input.event, data } };
		}
		throw new HttpError(404);
	}

	function takeFault(method: string, target: string): Fault | undefined {
		const index = faults.findIndex(
			(fault) => (!fault.method || fault.method.toUpperCase() === method) && fault.pattern.test(target),
		);
		if (index === -1) return undefined;
		const fault = faults[index];
		if (fault.after && fault.after-- > 0) return undefined;
		if (fault.times !== undefined && --fault.times <= 0) faults.splice(index, 1);
		return fault;
	}

	function send(res: http.ServerResponse, reply: Reply) {
		res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers });
		res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
	}

	async function readBody(req: http.IncomingMessage): Promise<unknown> {
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

	const messageFor = (host: RequestLogEntry['host'], status: keyof typeof MESSAGES) =>
		(host === 'webhooks' && WEBHOOKS_MESSAGES[status]) || MESSAGES[status];

	async function handle(host: RequestLogEntry['host'], req: http.IncomingMessage, res: http.ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);

		if (segments[0] === '__sandbox') {
			try {
				send(res, control(method, segments.slice(1), await readBody(req)));
			} catch (error) {
				const status = error instanceof HttpError ? error.status : 500;
				send(res, { status, body: envelope(status, MESSAGES[status]) });
			}
			return;
		}

		const auth = req.headers.authorization ?? '';
		const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
		const orgId = tokens.get(token) ?? null;
		const entry: RequestLogEntry = {
			host,
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			orgId,
			body: undefined,
			status: 0,
			at: new Date().toISOString(),
		};
		requestLog.push(entry);
		inFlight++;
		peakInFlight = Math.max(peakInFlight, inFlight);
		res.once('close', () => inFlight--);

		let reply: Reply;
		try {
			entry.body = await readBody(req);
			if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
			const fault = takeFault(method, url.pathname + url.search);
			if (fault) {
				if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
				if (fault.reset) {
					entry.status = -1;
					req.socket.destroy();
					return;
				}
				const status = fault.status ?? 500;
				entry.status = status;
				res.writeHead(status, {
					'Content-Type': fault.contentType ?? 'application/json; charset=utf-8',
					...fault.headers,
				});
				const message = status in MESSAGES ? messageFor(host, status as keyof typeof MESSAGES) : 'Error';
				res.end(fault.body ?? JSON.stringify(envelope(status, message)));
				return;
			}
			if (!orgId) throw new HttpError(401);
			checkRateLimit(token);
			const route = host === 'api' ? routeApi : routeWebhooks;
			reply = route(method, segments, url.searchParams, entry.body, orgId);
		} catch (error) {
			const status = error instanceof HttpError ? error.status : error instanceof ConflictError ? 409 : 500;
			reply = {
				status,
				body: envelope(status, messageFor(host, status)),
				headers: error instanceof HttpError ? error.headers : undefined,
			};
		}
		entry.status = reply.status;
		send(res, reply);
	}

	const bindHost = options.host ?? '127.0.0.1';
	async function listen(host: RequestLogEntry['host'], port: number) {
		const server = http.createServer((req, res) => {
			handle(host, req, res).catch(() => {
				if (!res.headersSent) send(res, { status: 500, body: envelope(500, messageFor(host, 500)) });
			});
		});
		server.keepAliveTimeout = 5_000;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, bindHost, () => resolve());
		});
		const url = `http://${bindHost}:${(server.address() as AddressInfo).port}`;
		return { server, url };
	}
	const api = await listen('api', options.port ?? 0);
	const webhooksHost = await listen('webhooks', options.webhooksPort ?? 0);

	const sandbox: Sandbox = {
		url: api.url,
		webhooksUrl: webhooksHost.url,
		get seed() {
			return seed;
		},
		get store() {
			return store;
		},
		webhooks,
		fireEvent,
		requests: () => requestLog,
		clearRequests: () => {
			requestLog = [];
			peakInFlight = inFlight;
		},
		peakConcurrency: () => peakInFlight,
		setLatency: (ms) => {
			latencyMs = ms;
		},
		addFault: (fault) => {
			faults.push({ ...fault, pattern: new RegExp(fault.path) });
		},
		clearFaults: () => {
			faults = [];
		},
		setRateLimit: (next) => {
			rateLimit = next ? { limit: next.limit, windowMs: next.windowMs ?? 60_000 } : null;
			hits.clear();
		},
		reset: () => {
			({ store, seed } = seedStore());
			connectStore();
			webhooks.reset();
			requestLog = [];
			peakInFlight = inFlight;
			latencyMs = 0;
			faults = [];
			rateLimit = initialRateLimit;
			hits.clear();
		},
		close: async () => {
			await webhooks.settled();
			await Promise.all(
				[api.server, webhooksHost.server].map(
					(server) =>
						new Promise<void>((resolve) => {
							server.closeAllConnections();
							server.close(() => resolve());
						}),
				),
			);
		},
	};
	return sandbox;
}
