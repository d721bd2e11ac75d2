import { operationChoices } from '../node.type';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const displayName = 'Inquiry';

export const operations = { get, getAll };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
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
	'get',
);
