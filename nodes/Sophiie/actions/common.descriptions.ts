import type { INodeProperties } from 'n8n-workflow';

export const leadLocator: INodeProperties = {
	displayName: 'Lead',
	name: 'leadId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The lead to work on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a lead...',
			typeOptions: {
				searchListMethod: 'searchLeads',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ld_abc123',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z0-9_-]+$',
						errorMessage: 'A lead ID has only letters, digits, "_" and "-", e.g. ld_abc123',
					},
				},
			],
		},
	],
};

/** Options every Sophiie request honours, read once per execution by the transport. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 30,
			description:
				'How long to wait for Sophiie to answer one request. A request that times out is retried when that is safe (reads, updates, deletes), then fails with a clear error.',
		},
	],
};
