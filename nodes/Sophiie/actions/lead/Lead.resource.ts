import { operationChoices } from '../node.type';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as deleteLead from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as listActivities from './listActivities.operation';
import * as listNotes from './listNotes.operation';
import * as update from './update.operation';

export const displayName = 'Lead';

export const operations = { create, createOrUpdate, delete: deleteLead, get, getAll, listActivities, listNotes, update };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a lead in the organization of the credential',
			action: 'Create a lead',
		},
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			description: 'Create a lead, or update the one with the same email or phone number when Sophiie reports a duplicate',
			action: 'Create or update a lead',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a lead (Sophiie keeps it soft-deleted)',
			action: 'Delete a lead',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a lead with its details',
			action: 'Get a lead',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the organization’s leads, newest first',
			action: 'Get many leads',
		},
		{
			name: 'List Activities',
			value: 'listActivities',
			description: 'List the activity history of a lead',
			action: 'List activities of a lead',
		},
		{
			name: 'List Notes',
			value: 'listNotes',
			description: 'List the notes of a lead',
			action: 'List notes of a lead',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Update fields of a lead',
			action: 'Update a lead',
		},
	],
	'get',
);
