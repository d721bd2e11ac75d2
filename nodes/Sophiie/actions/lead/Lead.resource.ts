import type { INodeProperties } from 'n8n-workflow';

import * as deleteLead from './delete.operation';
import * as get from './get.operation';
import * as listActivities from './listActivities.operation';
import * as update from './update.operation';

/** Operation value → its module, as the router dispatches them. */
export const operations = { delete: deleteLead, get, listActivities, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a lead (Sophiie keeps it soft-deleted)',
				action: 'Delete a lead',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a lead with its details',
				action: 'Get a lead',
			},
			{
				name: 'List Activities',
				value: 'listActivities',
				description: 'List the activity history of a lead',
				action: 'List activities of a lead',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update fields of a lead',
				action: 'Update a lead',
			},
		],
		default: 'get',
	},
	...deleteLead.description,
	...get.description,
	...listActivities.description,
	...update.description,
];
