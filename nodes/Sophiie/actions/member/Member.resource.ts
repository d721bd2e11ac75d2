import { resourceDescription } from '../node.type';
import * as getAll from './getAll.operation';

export const displayName = 'Member';

export const operations = { getAll };

export const description = resourceDescription(
	'member',
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
