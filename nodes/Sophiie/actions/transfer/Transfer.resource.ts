import { operationChoices } from '../node.type';
import * as create from './create.operation';
import * as deleteTransfer from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const displayName = 'Transfer';

export const operations = { create, delete: deleteTransfer, get, getAll, update };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{ name: 'Create', value: 'create', description: 'Add a rule for when the AI receptionist transfers a call', action: 'Create a transfer rule' },
		{ name: 'Delete', value: 'delete', description: 'Delete a transfer rule', action: 'Delete a transfer rule' },
		{ name: 'Get', value: 'get', description: 'Get a transfer rule', action: 'Get a transfer rule' },
		{ name: 'Get Many', value: 'getAll', description: 'List the call-transfer rules', action: 'Get many transfer rules' },
		{ name: 'Update', value: 'update', description: 'Update fields of a transfer rule, e.g. switch it on or off', action: 'Update a transfer rule' },
	],
	'getAll',
);
