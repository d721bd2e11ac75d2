import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getLeadId } from '../../helpers/parameters';
import { ACTIVITY_EVENT_TYPES } from '../../helpers/sophiieFacts';
import { validateLimit } from '../../helpers/validation';
import { sophiieApiRequestAllItems } from '../../transport';
import { leadLocator } from '../common.descriptions';

const MAX_LIMIT = 1000;

const properties: INodeProperties[] = [
	leadLocator,
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
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: ACTIVITY_EVENT_TYPES.map(({ name, value }) => ({ name, value })),
				default: [],
				description: 'Return only activities of these types',
			},
			{
				displayName: 'Other Event Types',
				name: 'customEventTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. NOTE_ADDED, STATUS_CHANGED',
				description:
					'Comma-separated event types not in the list above. Sophiie does not publish the full list of activity types.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['listActivities'] } },
	properties,
);

function selectedEventTypes(filters: IDataObject): Set<string> {
	const listed = (filters.eventTypes as string[] | undefined) ?? [];
	const typed = String(filters.customEventTypes ?? '')
		.split(',')
		.map((type) => type.trim())
		.filter((type) => type !== '');
	return new Set([...listed, ...typed]);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const leadId = getLeadId.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: validateLimit(this.getNode(), this.getNodeParameter('limit', itemIndex), itemIndex, 'Limit', MAX_LIMIT);
	const eventTypes = selectedEventTypes(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);

	// Sophiie has no event filter on this endpoint, so filtering happens here.
	return await sophiieApiRequestAllItems.call(this, ['leads', leadId, 'activities'], 'activities', {
		limit,
		filter: eventTypes.size > 0 ? (activity) => eventTypes.has(String(activity.event)) : undefined,
		subject: `lead ${leadId}`,
		itemIndex,
	});
}
