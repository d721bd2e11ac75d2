import { operationChoices } from '../node.type';
import * as send from './send.operation';

export const displayName = 'SMS';

export const operations = { send };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{
			name: 'Send',
			value: 'send',
			description: 'Text a lead as a member of the organization: the lead receives a real SMS',
			action: 'Send an SMS to a lead (a real text message)',
		},
	],
	'send',
);
