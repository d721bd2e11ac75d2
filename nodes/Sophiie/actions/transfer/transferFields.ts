import type { RecordField } from '../../helpers/recordFields';
import { TRANSFER_DESTINATION_TYPES, TRANSFER_METHODS } from '../../helpers/sophiieFacts';

/** A transfer rule's writable fields (sophiie-api.md §10.4: Create's example sends the five required here). */
export const TRANSFER_FIELDS: RecordField[] = [
	{ key: 'label', displayName: 'Label', kind: 'text', required: true, placeholder: 'e.g. Emergencies', description: 'A short name for the rule' },
	{
		key: 'method',
		displayName: 'Method',
		kind: 'option',
		required: true,
		options: [...TRANSFER_METHODS],
		description: 'How the call is handed over',
	},
	{
		key: 'destinationType',
		displayName: 'Destination Type',
		kind: 'option',
		required: true,
		options: [...TRANSFER_DESTINATION_TYPES],
		description: 'What the destination is',
	},
	{
		key: 'destination',
		displayName: 'Destination',
		kind: 'text',
		required: true,
		placeholder: 'e.g. Plumbing team',
		description: 'Where the call goes: the department, or the phone number in E.164 format',
	},
	{
		key: 'conditions',
		displayName: 'Conditions',
		kind: 'longText',
		required: true,
		placeholder: 'e.g. The caller reports flooding or a gas smell',
		description: 'When Sophiie’s AI receptionist transfers the call, in words',
	},
	{ key: 'name', displayName: 'Name', kind: 'text', description: 'A name for the transfer besides its label' },
	{
		key: 'summaryFormat',
		displayName: 'Summary Format',
		kind: 'longText',
		placeholder: 'e.g. {name} is calling about {topic}: {summary}',
		description: 'What the person taking the call is told; {name}, {topic} and {summary} are filled in',
	},
	{ key: 'isEnabled', displayName: 'Enabled', kind: 'boolean', default: true, description: 'Whether the rule is in use' },
	{
		key: 'settings.ignore_business_hours',
		name: 'ignoreBusinessHours',
		displayName: 'Ignore Business Hours',
		kind: 'boolean',
		default: true,
		description: 'Whether to transfer outside business hours too',
	},
	{ key: 'scenarioId', displayName: 'Scenario ID', kind: 'wholeNumber', description: 'The scenario the rule belongs to' },
];
