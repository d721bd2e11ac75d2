import type { INodeProperties } from 'n8n-workflow';

import * as appointment from './appointment/Appointment.resource';
import * as call from './call/Call.resource';
import * as company from './company/Company.resource';
import * as faq from './faq/Faq.resource';
import * as inquiry from './inquiry/Inquiry.resource';
import * as lead from './lead/Lead.resource';
import * as member from './member/Member.resource';
import * as organization from './organization/Organization.resource';
import * as policy from './policy/Policy.resource';
import * as scenario from './scenario/Scenario.resource';
import * as sms from './sms/Sms.resource';
import * as transfer from './transfer/Transfer.resource';
import type { ResourceModule } from './node.type';
import { resourceDescription } from './node.type';

/**
 * The one registry of resources, read by the node's description (the Resource
 * dropdown, in this order, and every resource's fields) and by the router.
 * Adding a resource: its folder, and its line here.
 */
export const resources = {
	appointment,
	call,
	company,
	faq,
	inquiry,
	lead,
	member,
	organization,
	policy,
	scenario,
	sms,
	transfer,
} satisfies Record<string, ResourceModule>;

const registered: Array<[string, ResourceModule]> = Object.entries(resources);

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: registered.map(([value, resource]) => ({ name: resource.displayName, value })),
	default: 'lead',
};

/** Every resource's Operation dropdown and operation fields, in registry order. */
export const resourceProperties: INodeProperties[] = registered.flatMap(([name, resource]) => resourceDescription(name, resource));
