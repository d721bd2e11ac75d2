import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['member'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the users of the organization; their IDs send SMS',
				action: 'Get many members',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
