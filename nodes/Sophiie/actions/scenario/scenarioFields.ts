import type { RecordField } from '../../helpers/recordFields';

/** A scenario's writable fields (sophiie-api.md §10.3: Create's example sends name, prompt and response). */
export const SCENARIO_FIELDS: RecordField[] = [
	{ key: 'name', displayName: 'Name', kind: 'text', required: true, placeholder: 'e.g. Blocked drain', description: 'The scenario’s name' },
	{
		key: 'prompt',
		displayName: 'Prompt',
		kind: 'longText',
		required: true,
		placeholder: 'e.g. The caller has a blocked drain',
		description: 'When Sophiie’s AI receptionist follows this scenario',
	},
	{
		key: 'response',
		displayName: 'Response',
		kind: 'longText',
		required: true,
		placeholder: 'e.g. Ask where the drain is and offer the next free slot',
		description: 'What the AI receptionist says or does in this scenario',
	},
	{ key: 'isActive', displayName: 'Active', kind: 'boolean', default: true, description: 'Whether the AI receptionist uses the scenario' },
	{
		key: 'questions',
		displayName: 'Questions (JSON)',
		kind: 'json',
		shape: 'list',
		description: 'Questions to ask, as Sophiie stores them: [{ "question", "answerOptions": [{ "answer", "followUps": [{ "question" }] }] }]',
	},
	{ key: 'outcome', displayName: 'Outcome (JSON)', kind: 'json', shape: 'object', description: 'What happens next, e.g. { "type": "continueCall" }' },
	{ key: 'tradeServiceId', displayName: 'Trade Service ID', kind: 'wholeNumber', description: 'The service the scenario is about' },
];
