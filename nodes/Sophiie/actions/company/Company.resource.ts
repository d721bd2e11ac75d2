import type { INodeProperties } from 'n8n-workflow';

import type { OperationsOf } from '../node.type';
import * as listNotes from './listNotes.operation';

export const operations: OperationsOf<'company'> = { listNotes };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{
				name: 'List Notes',
				value: 'listNotes',
				description: 'List the notes of a company',
				action: 'List notes of a company',
			},
		],
		default: 'listNotes',
	},
	...listNotes.description,
];
