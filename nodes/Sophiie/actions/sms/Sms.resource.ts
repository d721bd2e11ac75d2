import type { INodeProperties } from 'n8n-workflow';

import type { OperationsOf } from '../node.type';
import * as send from './send.operation';

export const operations: OperationsOf<'sms'> = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS to a lead as a member of the organization',
				action: 'Send an SMS',
			},
		],
		default: 'send',
	},
	...send.description,
];
