import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from './endpoints';
import { PHONE_COUNTRY_OPTIONS } from './phone';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from './transport';

/** Fields more than one of the three nodes show. */

/** The lead to work on, from a searchable list or by ID. */
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

/** The parameter of a record's locator: `scenarioId`, `faqId`… */
export const recordLocatorName = (endpoint: Endpoint) => `${endpoint.noun.toLowerCase()}Id`;

/** The list search behind a record's locator: `searchScenarios`, `searchFaqs`… */
export const recordSearchMethod = (endpoint: Endpoint) =>
	`search${endpoint.listKey.charAt(0).toUpperCase()}${endpoint.listKey.slice(1)}`;

/** A record with a whole-number id, from a searchable list of its names or by ID. */
export function recordLocator(endpoint: Endpoint): INodeProperties {
	const { noun } = endpoint;
	const article = /^[aeiouAEIOU]|^FAQ/.test(noun) ? 'an' : 'a';
	return {
		displayName: noun.charAt(0).toUpperCase() + noun.slice(1),
		name: recordLocatorName(endpoint),
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${noun} to work on`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${article} ${noun}...`,
				typeOptions: { searchListMethod: recordSearchMethod(endpoint), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[1-9][0-9]*$', errorMessage: `${article === 'an' ? 'An' : 'A'} ${noun} ID is a whole number, e.g. 42` },
					},
				],
			},
		],
	};
}

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'The longest one request to Sophiie may take, retries and their waits included: an item whose request gets no answer in this time fails with a clear error. Quick failures (rate limit, 502/503/504, a dropped connection) are retried within it when that is safe.',
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

/**
 * Phone Country, beside a phone field: None sends only numbers already in
 * E.164; a country makes its local numbers E.164 (phone.ts). An expression
 * may give a country code (AU, NZ…) from the item.
 */
export const phoneCountryField: INodeProperties = {
	displayName: 'Phone Country',
	name: 'phoneCountry',
	type: 'options',
	options: PHONE_COUNTRY_OPTIONS,
	default: 'none',
	description: 'The country of local numbers such as "0412 345 678", which then become E.164 ("+61412345678"). Numbers with a "+" are sent as they are. Spaces, dashes, dots and parentheses are always removed.',
};
