import type { INodeProperties } from 'n8n-workflow';

import type { OperationsOf } from '../node.type';
import * as getAll from './getAll.operation';

export const operations: OperationsOf<'member'> = { getAll };

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
