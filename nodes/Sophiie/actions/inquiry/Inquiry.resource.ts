import type { INodeProperties } from 'n8n-workflow';

import type { OperationsOf } from '../node.type';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: OperationsOf<'inquiry'> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inquiry'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an inquiry with its source data (call transcript, email…)',
				action: 'Get an inquiry',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List inquiries, by lead or source',
				action: 'Get many inquiries',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
