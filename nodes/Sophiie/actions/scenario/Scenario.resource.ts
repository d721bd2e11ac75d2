import { operationChoices } from '../node.type';
import * as create from './create.operation';
import * as deleteScenario from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const displayName = 'Scenario';

export const operations = { create, delete: deleteScenario, get, getAll, update };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{ name: 'Create', value: 'create', description: 'Add a call scenario to Sophiie’s AI receptionist', action: 'Create a scenario' },
		{ name: 'Delete', value: 'delete', description: 'Delete a scenario (Sophiie keeps it soft-deleted)', action: 'Delete a scenario' },
		{ name: 'Get', value: 'get', description: 'Get a scenario with its questions and outcome', action: 'Get a scenario' },
		{ name: 'Get Many', value: 'getAll', description: 'List the AI receptionist’s scenarios', action: 'Get many scenarios' },
		{ name: 'Update', value: 'update', description: 'Update fields of a scenario', action: 'Update a scenario' },
	],
	'getAll',
);
