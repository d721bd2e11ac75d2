import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as appointment from './actions/appointment/Appointment.resource';
import { nodeOptions } from './actions/common.descriptions';
import * as company from './actions/company/Company.resource';
import * as inquiry from './actions/inquiry/Inquiry.resource';
import * as lead from './actions/lead/Lead.resource';
import * as member from './actions/member/Member.resource';
import * as organization from './actions/organization/Organization.resource';
import * as sms from './actions/sms/Sms.resource';
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
			'Work with Sophiie leads, inquiries, appointments, members and your organization, and text leads by SMS',
		defaults: { name: 'Sophiie' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sophiieApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Appointment', value: 'appointment' },
					{ name: 'Company', value: 'company' },
					{ name: 'Inquiry', value: 'inquiry' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Member', value: 'member' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'SMS', value: 'sms' },
				],
				default: 'lead',
			},
			...appointment.description,
			...company.description,
			...inquiry.description,
			...lead.description,
			...member.description,
			...organization.description,
			...sms.description,
			nodeOptions,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
