import type { INodeProperties } from 'n8n-workflow';

import { leadLocator, timeoutOption } from '../../shared/fields';
import { MAX_CONCURRENCY, MAX_LIMIT } from '../../shared/limits';

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

