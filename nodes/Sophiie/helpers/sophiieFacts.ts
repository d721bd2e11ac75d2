/**
 * What the node assumes where Sophiie's public documentation is silent, kept in
 * one place so it can be corrected in one place (the README lists the same).
 */
import type { Assumption } from '../../shared/assumptions';

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

/**
 * The Sophiie node's rows of the README's "Where Sophiie's docs are silent"
 * (written from these by `npm run docs:assumptions`; a test compares them).
 */
export const SOPHIIE_NODE_ASSUMPTIONS: Assumption[] = [
	{
		id: 'activity-event-types',
		topic: 'Activity event types',
		documented: 'Only `LEAD_CREATED`',
		assumed: 'An update writes a `LEAD_UPDATED` activity, and `LEAD_DELETED` also exists (offered in the filter, written by the sandbox); other names can be typed in.',
	},
	{
		id: 'update-lead-body',
		topic: 'Update Lead body',
		documented: 'Field list not published',
		assumed: 'The same fields as Create (first/last name, email, phone, suburb, business name, `socials.facebook/instagram`), all optional, sent as a partial update: fields not sent keep their values.',
	},
	{
		id: 'update-lead-404',
		topic: 'Update Lead 404',
		documented: 'Not listed',
		assumed: "An unknown or deleted lead answers 404 in Sophiie's error envelope, like Get and Delete.",
	},
	{
		id: 'activity-filter',
		topic: 'Activity filter',
		documented: 'No server-side filter',
		assumed: 'Sophiie ignores an `event` query; Event Types is applied by the node after reading the pages.',
	},
	{
		id: 'lead-search',
		topic: 'Lead search',
		documented: '`GET /v1/leads` has no search parameter',
		assumed: 'Sophiie ignores a `search` query; the lead list searches the pages it reads (up to 5 pages per request while typing).',
	},
	{
		id: 'success-status',
		topic: 'Success status codes',
		documented: 'Not stated',
		assumed: 'Any 2xx is success (a 204 with no body too, for a delete).',
	},
	{
		id: 'lead-ids',
		topic: 'Lead IDs',
		documented: 'Examples like `ld_abc123`',
		assumed: 'Letters, digits, `_` and `-`, at most 128 characters.',
	},
	{
		id: 'phone-numbers',
		topic: 'Phone numbers',
		documented: 'Third-party client requires E.164',
		assumed: 'Sophiie keeps phone numbers in E.164, and takes only E.164; the node sends E.164 (formatting removed; a local number made E.164 for the Phone Country chosen).',
	},
	{
		id: 'create-lead-required',
		topic: 'Create Lead required fields',
		documented: 'The example sends only `firstName`; a third-party client also requires `suburb`',
		assumed: 'First Name is required, the rest optional; a hint on the field says some accounts may need Suburb.',
	},
	{
		id: 'inquiry-expand',
		topic: 'Inquiry `expand` additions',
		documented: 'Named, shape not shown',
		assumed: 'Passed through as Sophiie returns them.',
	},
	{
		id: 'sms-retries',
		topic: 'SMS retries',
		documented: 'A POST',
		assumed: 'A 429 (not processed) is retried; nothing else is, so an SMS is never sent twice. A lost answer or a 5xx may mean it was sent: the error says so.',
	},
	{
		id: 'redirects',
		topic: 'Redirects',
		documented: 'None documented',
		assumed: "Sophiie answers without redirects; a 3xx is not followed but is an error naming the Location's origin, so the key never goes elsewhere.",
	},
	{
		id: 'calls',
		topic: 'Calls',
		documented: 'Body from a third-party client only; no answer documented',
		assumed: '`name`, E.164 `phoneNumber`, `mode` `normal` or `transfer_only`, `custom_instructions` (required for `transfer_only`); the answer is passed on as it comes.',
	},
	{
		id: 'faqs-policies',
		topic: 'FAQs, policies',
		documented: 'Policy list documented; FAQ endpoints and policy writes third-party only',
		assumed: 'Lists `{ faqs }` / `{ policies }` with the usual counters (a list without them is read until a short page); writes answer `{ faq }` / `{ policy }` (unwrapped when present, else passed on); no Get of one; no duplicate rule, so Create or Update looks first.',
	},
	{
		id: 'scenario-transfer-409',
		topic: 'Scenario, transfer 409',
		documented: 'Listed, reason not given',
		assumed: 'A scenario of the same name, a transfer of the same label.',
	},
	{
		id: 'transfer-enums',
		topic: 'Transfer `method`, `destinationType`',
		documented: 'Examples show `WARM`, `DEPARTMENT`',
		assumed: '`COLD` and `PHONE_NUMBER` also exist and are offered; an expression can give any other value.',
	},
	{
		id: 'knowledge-deletes',
		topic: 'Deletes of scenarios, transfers, policies, FAQs',
		documented: 'Scenario: `{ message }`; others not shown',
		assumed: 'Soft deletes answering `{ message }` like the scenario; the record is gone from Get and the list afterwards. The node answers `{ "deleted": true, "id" }` whatever the 2xx answer.',
	},
	{
		id: 'availability',
		topic: 'Availability',
		documented: 'Summary only',
		assumed: 'A JSON object, passed on as Sophiie sends it.',
	},
	{
		id: 'lead-duplicates',
		topic: 'Lead duplicates',
		documented: '409, rule not documented',
		assumed: 'The same email or phone, nothing else (the same name is not a duplicate); Create or Update matches as [described](#create-or-update).',
	},
];
