import type { IDataObject } from 'n8n-workflow';

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
 * `hookId`, so subscribe must return it; we read `id` (or `hookId`).
 */
export function subscriptionIdOf(response: IDataObject): number | string | undefined {
	const id = response.id ?? response.hookId;
	return typeof id === 'number' || (typeof id === 'string' && id !== '') ? id : undefined;
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
