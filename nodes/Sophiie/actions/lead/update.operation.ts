import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getLeadId } from '../../helpers/parameters';
import { LEAD_SOCIAL_FIELDS, LEAD_TEXT_FIELDS } from '../../helpers/sophiieFacts';
import { validateEmail, validatePhone, validateText } from '../../helpers/validation';
import { sophiieApiRequest } from '../../transport';
import { leadLocator } from '../common.descriptions';

const FIELD_LABELS: Record<string, string> = {
	firstName: 'First Name',
	lastName: 'Last Name',
	email: 'Email',
	phone: 'Phone',
	suburb: 'Suburb',
	businessName: 'Business Name',
	facebook: 'Facebook',
	instagram: 'Instagram',
};

const textField = (name: string, description: string, placeholder: string): INodeProperties => ({
	displayName: FIELD_LABELS[name],
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

const properties: INodeProperties[] = [
	leadLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the others keep their value in Sophiie',
		options: [
			textField('businessName', 'Name of the lead’s business', 'e.g. Acme Corp'),
			textField('email', 'Email address of the lead', 'e.g. jane@example.com'),
			textField('facebook', 'Facebook profile or page of the lead', 'e.g. https://facebook.com/acme'),
			textField('firstName', 'First name of the lead', 'e.g. Jane'),
			textField('instagram', 'Instagram handle of the lead', 'e.g. @acme'),
			textField('lastName', 'Last name of the lead', 'e.g. Citizen'),
			textField('phone', 'Phone number in E.164 format: "+", country code and number', 'e.g. +61412345678'),
			textField('suburb', 'Suburb of the lead', 'e.g. Surry Hills'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['update'] } },
	properties,
);

/** Builds the PUT body from the fields the user set, checking each one. */
function buildUpdateBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const label = (name: string) => `Update Fields › ${FIELD_LABELS[name]}`;
	const body: IDataObject = {};

	for (const name of LEAD_TEXT_FIELDS) {
		if (name in fields) body[name] = validateText(node, fields[name], itemIndex, label(name));
	}
	if ('email' in fields) body.email = validateEmail(node, fields.email, itemIndex, label('email'));
	if ('phone' in fields) body.phone = validatePhone(node, fields.phone, itemIndex, label('phone'));

	const socials: IDataObject = {};
	for (const name of LEAD_SOCIAL_FIELDS) {
		if (name in fields) socials[name] = validateText(node, fields[name], itemIndex, label(name));
	}
	if (Object.keys(socials).length > 0) body.socials = socials;

	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, `Nothing to update in item ${itemIndex}: no Update Fields are set`, {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const leadId = getLeadId.call(this, itemIndex);
	const body = buildUpdateBody.call(this, itemIndex);

	const response = await sophiieApiRequest.call(this, 'PUT', ['leads', leadId], {
		body,
		subject: `lead ${leadId}`,
		itemIndex,
	});
	return (response.lead as IDataObject | undefined) ?? response;
}
