import { operationChoices } from '../node.type';
import * as getAll from './getAll.operation';

export const displayName = 'Member';

export const operations = { getAll };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the users of the organization; their IDs send SMS',
			action: 'Get many members',
		},
	],
	'getAll',
);
