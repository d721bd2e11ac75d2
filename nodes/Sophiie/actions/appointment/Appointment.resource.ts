import type { INodeProperties } from 'n8n-workflow';

import type { OperationsOf } from '../node.type';
import * as getAll from './getAll.operation';

export const operations: OperationsOf<'appointment'> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appointment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List appointments (jobs), optionally of one lead',
				action: 'Get many appointments',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
