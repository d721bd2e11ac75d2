import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeOptions } from './actions/common.descriptions';
import { resourceProperties, resourceProperty } from './actions/resources';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class Sophiie implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sophiie',
		name: 'sophiie',
		icon: { light: 'file:../../icons/sophiie.svg', dark: 'file:../../icons/sophiie.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Work with Sophiie leads (create or update, activities, notes), inquiries, appointments, members, company notes and your organization, text leads, have Sophiie’s AI phone them, and manage its scenarios, transfer rules, policies and FAQs',
		defaults: { name: 'Sophiie' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sophiieApi', required: true }],
		properties: [
			resourceProperty,
			...resourceProperties,
			nodeOptions,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
