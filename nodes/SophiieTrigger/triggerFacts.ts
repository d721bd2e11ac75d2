import type { IDataObject } from 'n8n-workflow';

import type { Assumption } from '../shared/assumptions';

/**
 * What the Sophiie Trigger assumes about Sophiie's webhooks host where its
 * documentation is silent (README: "Where Sophiie's docs are silent").
 */

/**
 * Events the Sophiie Trigger can subscribe to on the webhooks host. Sophiie
 * documents only LEAD_CREATED; the rest follow its naming for the resources its
 * Zapier sample endpoints cover (leads, inquiries, appointments). Names Sophiie
 * adds later can be typed into the trigger's "Custom Event Names".
 */
export const TRIGGER_EVENTS = [
	{ value: 'LEAD_CREATED', name: 'Lead Created', description: 'A new lead arrives (documented by Sophiie)' },
	{ value: 'LEAD_UPDATED', name: 'Lead Updated', description: 'A lead’s details change' },
	{ value: 'LEAD_DELETED', name: 'Lead Deleted', description: 'A lead is deleted' },
	{ value: 'INQUIRY_CREATED', name: 'Inquiry Created', description: 'A call, email, chat, SMS or web form inquiry arrives' },
	{ value: 'APPOINTMENT_CREATED', name: 'Appointment Created', description: 'An appointment is booked' },
] as const;

/** Sophiie's trigger names are SCREAMING_CASE, as LEAD_CREATED. */
export const EVENT_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/**
 * The subscribe response is not documented. Unsubscribe takes a numeric
 * `hookId`, so subscribe must return it: read from `id` or `hookId`, at the
 * top level or under `data`, `subscription` or `hook` (as a wrapped answer
 * such as `{ success: true, data: { id } }` would have it).
 */
export function subscriptionIdOf(response: IDataObject): number | string | undefined {
	for (const holder of [response, response.data, response.subscription, response.hook]) {
		if (!holder || typeof holder !== 'object' || Array.isArray(holder)) continue;
		const { id, hookId } = holder as IDataObject;
		for (const candidate of [id, hookId]) {
			if (typeof candidate === 'number' || (typeof candidate === 'string' && candidate !== '')) return candidate;
		}
	}
	return undefined;
}

/**
 * Sophiie documents no signature for deliveries, so each hook URL carries a
 * secret of its own (checked on every delivery) and the event it was subscribed
 * for (used when a delivery's body does not name its event).
 */
export const HOOK_URL_SECRET_PARAMETER = 'secret';
export const HOOK_URL_EVENT_PARAMETER = 'event';

/**
 * How long a removed subscription's secret is still accepted, while the same
 * URL has a new subscription: Sophiie documents no retry schedule, and
 * deliveries already under way when the workflow was re-activated (saved or
 * published while active) come back with the old secret.
 */
export const RETIRED_SECRET_GRACE_MS = 60 * 60_000;

/**
 * Which deliveries count as the same one. The sandbox (and the envelope this
 * package assumes) sends `{ id, event, createdAt, data }` and keeps `id` on
 * every retry. A body without that envelope is compared whole instead.
 */
export function deliveryKeyOf(event: string, body: IDataObject): string {
	const { id, data } = body;
	if ((typeof id === 'string' || typeof id === 'number') && data !== undefined) return `${event}:id:${String(id)}`;
	return `${event}:body:${JSON.stringify(body)}`;
}

/** Repeated deliveries remembered per trigger and n8n process: at most this many, for at most this long. */
export const REMEMBERED_DELIVERIES = { max: 10_000, maxAgeMs: 24 * 60 * 60_000, pendingMs: 60_000 };

/** The trigger's rows of the README's "Where Sophiie's docs are silent". */
export const TRIGGER_ASSUMPTIONS: Assumption[] = [
	{
		id: 'unsubscribe-404',
		topic: 'Unsubscribe 404',
		documented: 'Not listed',
		assumed: "Unsubscribing a hook Sophiie does not have answers 404 in Sophiie's error envelope, which means the hook is gone; any other 404 (an HTML page) is a failure, more likely a wrong webhooks base URL.",
	},
	{
		id: 'trigger-event-names',
		topic: 'Trigger event names',
		documented: 'Only `LEAD_CREATED`',
		assumed: '`LEAD_UPDATED`, `LEAD_DELETED`, `INQUIRY_CREATED`, `APPOINTMENT_CREATED` can be subscribed too, after the resources Sophiie\'s Zapier sample endpoints cover; any other name can be typed in.',
	},
	{
		id: 'subscribe-response',
		topic: 'Subscribe response',
		documented: 'Not documented',
		assumed: '`{ "id": <number> }` (or `hookId`), the id unsubscribe takes; the node also finds it under `data`, `subscription` or `hook`.',
	},
	{
		id: 'subscribe-org-user',
		topic: '`org_id` / `user_id` on subscribe',
		documented: 'Documented for unsubscribe and samples only',
		assumed: 'Sent on subscribe too, and accepted: the organization from `GET /v1/organization`, the member chosen in Subscribe As.',
	},
	{
		id: 'delivery-payload',
		topic: 'Delivery payload',
		documented: 'Not documented (no envelope, signature or retry policy)',
		assumed: 'A JSON object, in the sandbox `{ id, event, createdAt, data }`, retried with the same `id`; the event is read from the body, else from the hook URL; a repeat is the same `id` (the same body without the envelope). Authenticity comes from the secret in the hook URL, as Sophiie documents no signature. Retries may come up to an hour after a re-activation.',
	},
];
