import { operationChoices } from '../node.type';
import * as create from './create.operation';
import * as deletePolicy from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const displayName = 'Policy';

/** Sophiie documents no Get of one policy. */
export const operations = { create, delete: deletePolicy, getAll, update };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{ name: 'Create', value: 'create', description: 'Add a business policy the AI receptionist tells callers', action: 'Create a policy' },
		{ name: 'Delete', value: 'delete', description: 'Delete a policy (Sophiie keeps it soft-deleted)', action: 'Delete a policy' },
		{ name: 'Get Many', value: 'getAll', description: 'List the business policies', action: 'Get many policies' },
		{ name: 'Update', value: 'update', description: 'Update fields of a policy', action: 'Update a policy' },
	],
	'getAll',
);
