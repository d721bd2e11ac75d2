import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../transport';

/** The most items "Concurrent Requests" lets run at once. */
export const MAX_CONCURRENCY = 32;

/** Largest Limit a list operation accepts; beyond it, Return All is the way. */
export const MAX_LIMIT = 1000;

/** "Return All" and "Limit", as every list operation has them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const leadLocator: INodeProperties = {
	displayName: 'Lead',
	name: 'leadId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The lead to work on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a lead...',
			typeOptions: {
				searchListMethod: 'searchLeads',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ld_abc123',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z0-9_-]+$',
						errorMessage: 'A lead ID has only letters, digits, "_" and "-", e.g. ld_abc123',
					},
				},
			],
		},
	],
};

const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'The longest one request to Sophiie may take, retries and their waits included: an item whose request gets no answer in this time fails with a clear error. Quick failures (rate limit, 502/503/504, a dropped connection) are retried within it when that is safe.',
};

/** The Sophiie node's options, read once per execution. */
export const nodeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: 1,
			description:
				'How many input items to process at the same time. Output order and item pairing stay the same; rate limits are still honoured. With more than 1, items after a failing one may already have run.',
		},
		timeoutOption,
	],
};

/** The Sophiie Trigger's options, used while it subscribes and unsubscribes. */
export const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [timeoutOption],
};

/** The Source of inquiries, as a list filter; its first choice filters nothing. */
export const inquirySourceFilter: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'Any Source', value: '' },
		{ name: 'Call', value: 'CALL' },
		{ name: 'Chatbot', value: 'CHATBOT' },
		{ name: 'Email', value: 'EMAIL' },
		{ name: 'SMS', value: 'SMS' },
		{ name: 'Web Form', value: 'WEBFORM' },
	],
	default: '',
	description: 'Only inquiries that came in this way',
};

/** The Lead locator as an optional filter of a list. */
export const leadFilter: INodeProperties = {
	...leadLocator,
	required: false,
	description: 'Only items of this lead',
};

/** The "Filters" collection of a list operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** A dropdown of the organization's members (Sophiie user IDs). */
export function memberSelect(displayName: string, description: string): INodeProperties {
	return {
		displayName: `${displayName} Name or ID`,
		name: 'userId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMembers' },
		required: true,
		default: '',
		description: `${description} Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	};
}
