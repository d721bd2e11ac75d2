import { resourceDescription } from '../node.type';
import * as send from './send.operation';

export const displayName = 'SMS';

export const operations = { send };

export const description = resourceDescription(
	'sms',
	operations,
	[
		{
			name: 'Send',
			value: 'send',
			description: 'Send an SMS to a lead as a member of the organization',
			action: 'Send an SMS',
		},
	],
	'send',
);
