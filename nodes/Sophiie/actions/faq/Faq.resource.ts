import { operationChoices } from '../node.type';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as deleteFaq from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const displayName = 'FAQ';

/** Sophiie documents no Get of one FAQ. */
export const operations = { create, createOrUpdate, delete: deleteFaq, getAll, update };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{ name: 'Create', value: 'create', description: 'Add a question and answer for Sophiie’s AI receptionist', action: 'Create an FAQ' },
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			description: 'Update the FAQ with the same question, or create it: keeps FAQs in sync from a list',
			action: 'Create or update an FAQ',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete an FAQ (Sophiie keeps it soft-deleted)', action: 'Delete an FAQ' },
		{ name: 'Get Many', value: 'getAll', description: 'List the FAQs', action: 'Get many FAQs' },
		{ name: 'Update', value: 'update', description: 'Update fields of an FAQ', action: 'Update an FAQ' },
	],
	'getAll',
);
