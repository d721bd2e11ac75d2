import { resourceDescription } from '../node.type';
import * as listNotes from './listNotes.operation';

export const displayName = 'Company';

export const operations = { listNotes };

export const description = resourceDescription(
	'company',
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
