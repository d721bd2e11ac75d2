import type { RecordField } from '../../helpers/recordFields';
import { POLICY_CONTENT_MIN_LENGTH, POLICY_TITLE_LENGTH } from '../../helpers/sophiieFacts';

/** A policy's writable fields (sophiie-api.md §10.2: the lengths are the third-party client's). */
export const POLICY_FIELDS: RecordField[] = [
	{
		key: 'title',
		displayName: 'Title',
		kind: 'text',
		required: true,
		...POLICY_TITLE_LENGTH,
		placeholder: 'e.g. Cancellation policy',
		description: 'The policy’s title (2 to 255 characters)',
	},
	{
		key: 'content',
		displayName: 'Content',
		kind: 'longText',
		required: true,
		minLength: POLICY_CONTENT_MIN_LENGTH,
		placeholder: 'e.g. Cancel up to 24 hours before the visit at no cost',
		description: 'What the policy says, as Sophiie’s AI receptionist tells callers',
	},
	{ key: 'isActive', displayName: 'Active', kind: 'boolean', default: true, description: 'Whether the AI receptionist uses the policy' },
];
