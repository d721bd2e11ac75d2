import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { LEAD_SOCIAL_FIELDS, LEAD_TEXT_FIELDS } from '../../helpers/sophiieFacts';
import { phoneCountryField } from '../../../shared/fields';
import { validateEmail, validatePhone, validateText } from '../../../shared/validation';

/** The writable lead fields, shared by Create and Update. */
const FIELD_LABELS: Record<string, string> = {
	firstName: 'First Name',
	lastName: 'Last Name',
	email: 'Email',
	phone: 'Phone',
	phoneCountry: 'Phone Country',
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

export const firstNameField = textField('firstName', 'First name of the lead', 'e.g. Jane');

/** The collection options, alphabetical, without the fields named in `except`. */
export function leadFieldOptions(except: string[] = []): INodeProperties[] {
	return [
		textField('businessName', 'Name of the lead’s business', 'e.g. Acme Corp'),
		textField('email', 'Email address of the lead', 'e.g. jane@example.com'),
		textField('facebook', 'Facebook profile or page of the lead', 'e.g. https://facebook.com/acme'),
		firstNameField,
		textField('instagram', 'Instagram handle of the lead', 'e.g. @acme'),
		textField('lastName', 'Last name of the lead', 'e.g. Citizen'),
		textField('phone', 'Phone number in E.164 format ("+", country code and number), or a local number with a Phone Country', 'e.g. +61412345678'),
		phoneCountryField,
		textField('suburb', 'Suburb of the lead', 'e.g. Surry Hills'),
	].filter((field) => !except.includes(field.name));
}

/**
 * The request body for the fields present in `fields`, each checked before
 * anything is sent. Facebook and Instagram go under `socials`.
 */
export function buildLeadBody(
	node: INode,
	fields: IDataObject,
	itemIndex: number,
	collection: string,
	topLevelFields: string[] = [],
): IDataObject {
	const label = (name: string) =>
		topLevelFields.includes(name) ? FIELD_LABELS[name] : `${collection} › ${FIELD_LABELS[name]}`;
	const body: IDataObject = {};
	for (const name of LEAD_TEXT_FIELDS) {
		if (name in fields) body[name] = validateText(node, fields[name], itemIndex, label(name));
	}
	if ('email' in fields) body.email = validateEmail(node, fields.email, itemIndex, label('email'));
	if ('phone' in fields) body.phone = validatePhone(node, fields.phone, itemIndex, label('phone'), fields.phoneCountry, label('phoneCountry'));

	const socials: IDataObject = {};
	for (const name of LEAD_SOCIAL_FIELDS) {
		if (name in fields) socials[name] = validateText(node, fields[name], itemIndex, label(name));
	}
	if (Object.keys(socials).length > 0) body.socials = socials;
	return body;
}

/** Create's Additional Fields, also Create or Update's. */
export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	hint: 'Sophiie does not publish which fields a new lead requires; some accounts may also need Suburb.',
	options: leadFieldOptions(['firstName']),
};

/** The body of a new lead: First Name and the Additional Fields, checked before anything is sent. */
export function newLeadBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		firstName: this.getNodeParameter('firstName', itemIndex),
	};
	return buildLeadBody(this.getNode(), fields, itemIndex, 'Additional Fields', ['firstName']);
}
