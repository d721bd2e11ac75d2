import { operationChoices } from '../node.type';
import * as get from './get.operation';
import * as getAvailability from './getAvailability.operation';
import * as getMembers from './getMembers.operation';
import * as getProducts from './getProducts.operation';
import * as getServices from './getServices.operation';

export const displayName = 'Organization';

export const operations = { get, getAvailability, getMembers, getProducts, getServices };

/** The Operation dropdown; the registry adds the resource's name and each operation's fields. */
export const choices = operationChoices(
	operations,
	[
		{
			name: 'Get',
			value: 'get',
			description: 'Get the organization of the credential: name, phone, time zone…',
			action: 'Get the organization',
		},
		{
			name: 'Get Availability',
			value: 'getAvailability',
			description: 'Get the business hours and time slots, e.g. before an automated call or SMS',
			action: 'Get the organization availability',
		},
		{
			name: 'Get Members',
			value: 'getMembers',
			description: 'List the organization’s members with their position (pending invitations excluded)',
			action: 'Get organization members',
		},
		{
			name: 'Get Products',
			value: 'getProducts',
			description: 'List the organization’s products, one item each with its category',
			action: 'Get organization products',
		},
		{
			name: 'Get Services',
			value: 'getServices',
			description: 'List the organization’s services, one item each with its category',
			action: 'Get organization services',
		},
	],
	'get',
);
