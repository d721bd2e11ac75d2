import { operationChoices } from '../node.type';
import * as listNotes from './listNotes.operation';

export const displayName = 'Company';

export const operations = { listNotes };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{
			name: 'List Notes',
			value: 'listNotes',
			description: 'List the notes of a company',
			action: 'List notes of a company',
		},
	],
	'listNotes',
);
