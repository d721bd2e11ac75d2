import type { RecordField } from '../../helpers/recordFields';
import { FAQ_QUESTION_MAX_LENGTH } from '../../helpers/sophiieFacts';

/** An FAQ's writable fields (sophiie-api.md §10.1: third-party client only). */
export const FAQ_FIELDS: RecordField[] = [
	{
		key: 'question',
		displayName: 'Question',
		kind: 'text',
		required: true,
		maxLength: FAQ_QUESTION_MAX_LENGTH,
		placeholder: 'e.g. Do you work weekends?',
		description: 'The question callers ask (at most 255 characters)',
	},
	{
		key: 'answer',
		displayName: 'Answer',
		kind: 'longText',
		required: true,
		placeholder: 'e.g. Yes, Saturdays 8am to 1pm',
		description: 'What Sophiie’s AI receptionist answers',
	},
	{ key: 'isActive', displayName: 'Active', kind: 'boolean', default: true, description: 'Whether the AI receptionist uses the FAQ' },
];
