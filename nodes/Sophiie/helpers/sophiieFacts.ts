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
	{ value: 'LEAD_CREATED', name: 'Lead Created' },
	{ value: 'LEAD_UPDATED', name: 'Lead Updated' },
	{ value: 'LEAD_DELETED', name: 'Lead Deleted' },
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

/** A call's `mode` (third-party client only): a normal call, or one only to transfer the person. */
export const CALL_MODES = [
	{ name: 'Normal', value: 'normal', description: 'Sophiie’s AI talks with the person' },
	{ name: 'Transfer Only', value: 'transfer_only', description: 'The AI only connects the person as the Custom Instructions say' },
] as const;

/**
 * A transfer rule's `method` and `destinationType`. Sophiie's examples show
 * only WARM and DEPARTMENT; COLD and PHONE_NUMBER are assumed, and an
 * expression can give any other value Sophiie takes.
 */
export const TRANSFER_METHODS = [
	{ name: 'Warm', value: 'WARM', description: 'The AI introduces the caller before handing over' },
	{ name: 'Cold', value: 'COLD', description: 'The call is put straight through' },
] as const;
export const TRANSFER_DESTINATION_TYPES = [
	{ name: 'Department', value: 'DEPARTMENT' },
	{ name: 'Phone Number', value: 'PHONE_NUMBER' },
] as const;

/** Field lengths of FAQs and policies, from the third-party client (Sophiie documents none). */
export const FAQ_QUESTION_MAX_LENGTH = 255;
export const POLICY_TITLE_LENGTH = { minLength: 2, maxLength: 255 } as const;
export const POLICY_CONTENT_MIN_LENGTH = 2;
