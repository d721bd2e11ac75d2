/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import axios from 'axios';
import { randomBytes } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';

/**
 * Sophiie's webhooks host (the API behind its Zapier app, sophiie-api.md §11):
 * REST-hook subscriptions per organization and user, sample data, and real
 * delivery of events to the subscribed URLs.
 *
 * What Sophiie does not document, and this sandbox assumes:
 * - subscribe answers `{ "id": <number> }`, the id that unsubscribe takes as `hookId`;
 * - subscribe needs `org_id` and `user_id` like the documented endpoints, and the
 *   user must be a member of the token's organization (otherwise 400 Bad request);
 * - any SCREAMING_CASE trigger name can be subscribed; these are emitted:
 *   LEAD_CREATED (the only documented one), LEAD_UPDATED, LEAD_DELETED,
 *   INQUIRY_CREATED, APPOINTMENT_CREATED;
 * - unsubscribing an unknown hook is 404 Not found;
 * - a delivery is `POST hookUrl` with the JSON envelope `{ id, event, createdAt, data }`
 *   (for lead events `data` is the documented lead summary); a non-2xx answer
 *   is retried with exponential backoff, keeping the same envelope id.
 */

export const EMITTED_EVENTS = [
	'LEAD_CREATED',
	'LEAD_UPDATED',
	'LEAD_DELETED',
	'INQUIRY_CREATED',
	'APPOINTMENT_CREATED',
] as const;

const TRIGGER_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export interface Subscription {
	id: number;
	orgId: string;
	userId: string;
	hookUrl: string;
	trigger: string;
	createdAt: string;
}

export interface DeliveryAttempt {
	at: string;
	/** HTTP status, or 0 when the connection failed. */
	status: number;
}

export interface Delivery {
	envelopeId: string;
	subscriptionId: number;
	event: string;
	/** The hook URL with any `secret` query parameter masked. */
	hookUrl: string;
	attempts: DeliveryAttempt[];
	delivered: boolean;
}

export interface DeliveryOptions {
	/** Attempts per delivery, the first included. */
	maxAttempts: number;
	/** Wait before the second attempt; doubled before each further one. */
	backoffMs: number;
	timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { maxAttempts: 4, backoffMs: 250, timeoutMs: 10_000 };

export class SubscriptionError extends Error {
	constructor(readonly status: 400 | 404) {
		super(status === 400 ? 'Bad request' : 'Not found');
	}
}

function maskSecret(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.searchParams.has('secret')) parsed.searchParams.set('secret', '***');
		return parsed.toString();
	} catch {
		return url;
	}
}

export class WebhookHub {
	private subscriptions: Subscription[] = [];
	private nextId = 1;
	readonly deliveries: Delivery[] = [];
	/** What each delivery sent and where, by envelope id, to send the same again (sendAgain). */
	private readonly sent = new Map<string, Array<{ hookUrl: string; envelope: object; delivery: Delivery }>>();
	private readonly pending = new Set<Promise<void>>();
	/** How long an event waits in Sophiie's queue before its first attempt. */
	private queueDelayMs = 0;

	constructor(private readonly options: DeliveryOptions = DEFAULT_DELIVERY) {}

	/** Events from now on wait this long before they are first sent, as in a sender's busy queue. */
	setQueueDelay(ms: number) {
		this.queueDelayMs = ms;
	}

	list(orgId?: string): Subscription[] {
		return this.subscriptions.filter((subscription) => !orgId || subscription.orgId === orgId);
	}

	subscribe(orgId: string, userId: string, body: unknown): Subscription {
		const { hookUrl, trigger } = (body ?? {}) as { hookUrl?: unknown; trigger?: unknown };
		if (typeof trigger !== 'string' || !TRIGGER_PATTERN.test(trigger)) throw new SubscriptionError(400);
		if (typeof hookUrl !== 'string' || !/^https?:\/\//.test(hookUrl)) throw new SubscriptionError(400);
		const subscription: Subscription = {
			id: this.nextId++,
			orgId,
			userId,
			hookUrl,
			trigger,
			createdAt: new Date().toISOString(),
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	/** By `hookId` (the endpoint page) or by `hookUrl` + `trigger` (the overview example). */
	unsubscribe(orgId: string, body: unknown) {
		const { hookId, hookUrl, trigger } = (body ?? {}) as Record<string, unknown>;
		const matches = (subscription: Subscription) =>
			subscription.orgId === orgId &&
			(hookId !== undefined
				? subscription.id === Number(hookId)
				: subscription.hookUrl === hookUrl && subscription.trigger === trigger);
		if (hookId === undefined && (typeof hookUrl !== 'string' || typeof trigger !== 'string')) {
			throw new SubscriptionError(400);
		}
		const before = this.subscriptions.length;
		this.subscriptions = this.subscriptions.filter((subscription) => !matches(subscription));
		if (this.subscriptions.length === before) throw new SubscriptionError(404);
	}

	/** Delivers an event to every matching subscription of the organization, in the background. */
	emit(orgId: string, event: string, data: unknown) {
		const envelope = {
			id: `evt_${randomBytes(8).toString('hex')}`,
			event,
			createdAt: new Date().toISOString(),
			data,
		};
		for (const subscription of this.list(orgId)) {
			if (subscription.trigger !== event) continue;
			const delivery: Delivery = {
				envelopeId: envelope.id,
				subscriptionId: subscription.id,
				event,
				hookUrl: maskSecret(subscription.hookUrl),
				attempts: [],
				delivered: false,
			};
			this.deliveries.push(delivery);
			this.sent.set(envelope.id, [...(this.sent.get(envelope.id) ?? []), { hookUrl: subscription.hookUrl, envelope, delivery }]);
			const sending = this.deliver(subscription.hookUrl, envelope, delivery).finally(() =>
				this.pending.delete(sending),
			);
			this.pending.add(sending);
		}
	}

	/**
	 * Sends a delivery again, once, to each hook it went to: the same body to
	 * the same path and query, at `origin` when given (another n8n process
	 * behind a load balancer), as a retry of Sophiie's would come. Resolves with
	 * what each answered (0 when the connection failed); the attempts are
	 * recorded on the delivery.
	 */
	async sendAgain(envelopeId: string, origin?: string): Promise<number[]> {
		const sent = this.sent.get(envelopeId);
		if (!sent) throw new Error(`No delivery ${envelopeId} was sent`);
		return await Promise.all(
			sent.map(async ({ hookUrl, envelope, delivery }) => {
				const url = new URL(hookUrl);
				const target = origin ? new URL(`${url.pathname}${url.search}`, origin).toString() : hookUrl;
				const status = await this.attempt(target, envelope);
				delivery.attempts.push({ at: new Date().toISOString(), status });
				return status;
			}),
		);
	}

	private async attempt(hookUrl: string, envelope: object): Promise<number> {
		try {
			const response = await axios.post(hookUrl, envelope, {
				timeout: this.options.timeoutMs,
				validateStatus: () => true,
				headers: { 'Content-Type': 'application/json', 'User-Agent': 'Sophiie-Sandbox-Webhooks/1' },
			});
			return response.status;
		} catch {
			return 0;
		}
	}

	private async deliver(hookUrl: string, envelope: object, delivery: Delivery) {
		if (this.queueDelayMs > 0) await wait(this.queueDelayMs);
		for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
			if (attempt > 1) await wait(this.options.backoffMs * 2 ** (attempt - 2));
			const status = await this.attempt(hookUrl, envelope);
			delivery.attempts.push({ at: new Date().toISOString(), status });
			if (status >= 200 && status < 300) {
				delivery.delivered = true;
				return;
			}
		}
	}

	/** Resolves once every delivery under way has succeeded or used its attempts. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	reset() {
		this.queueDelayMs = 0;
		this.subscriptions = [];
		this.deliveries.length = 0;
		this.sent.clear();
	}
}
