import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLeadId, getList } from '../../helpers/parameters';
import { ACTIVITY_EVENT_TYPES } from '../../helpers/sophiieFacts';
import { leadLocator } from '../../../shared/fields';
import { filtersCollection, returnAllAndLimit } from '../common.descriptions';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	leadLocator,
	...returnAllAndLimit,
	filtersCollection([
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
	]),
];

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
	const eventTypes = selectedEventTypes(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);

	// Sophiie has no event filter on this endpoint, so filtering happens here.
	return await getList.call(this, itemIndex, ['leads', leadId, 'activities'], 'activities', {
		filter: eventTypes.size > 0 ? (activity) => eventTypes.has(String(activity.event)) : undefined,
		subject: `lead ${leadId}`,
	});
}
