import type { INodeProperties } from 'n8n-workflow';

import * as appointment from './appointment/Appointment.resource';
import * as company from './company/Company.resource';
import * as inquiry from './inquiry/Inquiry.resource';
import * as lead from './lead/Lead.resource';
import * as member from './member/Member.resource';
import * as organization from './organization/Organization.resource';
import * as sms from './sms/Sms.resource';
import type { ResourceModule, SophiieNodeMap } from './node.type';

/**
 * The one registry of resources, read by the node's description and by the
 * router. Adding a resource: its folder, its line in SophiieNodeMap
 * (node.type.ts), an option below and a line in `resources`.
 */
export const resources: { [Resource in keyof SophiieNodeMap]: ResourceModule<Resource> } = {
	appointment,
	company,
	inquiry,
	lead,
	member,
	organization,
	sms,
};

export const resourceProperty: INodeProperties = {
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
};

/** Every resource's operation dropdown and operation fields, in resource order. */
export const resourceProperties: INodeProperties[] = Object.values(resources).flatMap((resource) => resource.description);
