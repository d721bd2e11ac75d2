import type { IDataObject } from 'n8n-workflow';

/**
 * What the node assumes where Sophiie's public documentation is silent, kept in
 * one place so it can be corrected in one place (the README lists the same).
 */

/**
 * Activity `event` values. Sophiie documents only LEAD_CREATED; the others are
 * the lead lifecycle events its Delete Lead page implies ("emits relevant
 * webhooks") and that the local sandbox writes.
 */
export const ACTIVITY_EVENT_TYPES = [
	{ value: 'LEAD_CREATED', name: 'Lead Created', documented: true },
	{ value: 'LEAD_UPDATED', name: 'Lead Updated', documented: false },
	{ value: 'LEAD_DELETED', name: 'Lead Deleted', documented: false },
] as const;

/** The core lead fields returned by Get when Simplify is on. */
export const SIMPLIFIED_LEAD_FIELDS = [
	'id',
	'firstName',
	'lastName',
	'email',
	'phone',
	'suburb',
	'businessName',
	'status',
	'createdAt',
] as const;

/**
 * Update sends only the fields the user set (the third-party client treats
 * PUT /v1/leads/{id} as a partial update; Sophiie does not say).
 */
export const LEAD_TEXT_FIELDS = ['firstName', 'lastName', 'suburb', 'businessName'] as const;
export const LEAD_SOCIAL_FIELDS = ['facebook', 'instagram'] as const;

/** Sophiie answers 409 when a lead's email or phone number is already another lead's. */
export const LEAD_CONFLICT_HINT = 'Another lead may already use this email address or phone number.';

/**
 * Events the Sophiie Trigger can subscribe to on the webhooks host. Sophiie
 * documents only LEAD_CREATED; the rest follow its naming for the resources its
 * Zapier sample endpoints cover (leads, inquiries, appointments). Names Sophiie
 * adds later can be typed into the trigger's "Custom Event Names".
 */
export const TRIGGER_EVENTS = [
	{ value: 'LEAD_CREATED', name: 'Lead Created', description: 'A new lead arrives (documented by Sophiie)', documented: true },
	{ value: 'LEAD_UPDATED', name: 'Lead Updated', description: 'A lead’s details change', documented: false },
	{ value: 'LEAD_DELETED', name: 'Lead Deleted', description: 'A lead is deleted', documented: false },
	{ value: 'INQUIRY_CREATED', name: 'Inquiry Created', description: 'A call, email, chat, SMS or web form inquiry arrives', documented: false },
	{ value: 'APPOINTMENT_CREATED', name: 'Appointment Created', description: 'An appointment is booked', documented: false },
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
 * random secret (checked on every delivery) and the event it was subscribed
 * for (used when a delivery's body does not name its event).
 */
export const HOOK_URL_SECRET_PARAMETER = 'secret';
export const HOOK_URL_EVENT_PARAMETER = 'event';
