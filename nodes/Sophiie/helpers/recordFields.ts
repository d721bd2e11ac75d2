import type { IDataObject, INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	validateBoolean,
	validateBoundedText,
	validateJson,
	validateOption,
	validatePhone,
	validateWholeNumber,
} from '../../shared/validation';

/**
 * The writable fields of Sophiie's configuration records (scenarios,
 * transfers, policies, FAQs) and of a call, described once: each becomes an
 * n8n field, and the value read from it is checked and put in the body under
 * Sophiie's own name.
 */
export interface RecordField {
	/** Sophiie's name in the body; a dotted name (`settings.ignore_business_hours`) nests it. */
	key: string;
	/** The n8n parameter's name, when it differs from the key. */
	name?: string;
	displayName: string;
	description: string;
	kind: 'text' | 'longText' | 'boolean' | 'wholeNumber' | 'json' | 'option' | 'phone';
	/** Required on Create (Update always takes any of them). */
	required?: boolean;
	placeholder?: string;
	minLength?: number;
	maxLength?: number;
	/** For `json`: what the value must be. */
	shape?: 'object' | 'list';
	/** For `option`: the dropdown's entries (an expression may still give another value). */
	options?: INodePropertyOptions[];
	/** For an `option` Sophiie takes no other value of: what one is called in an error ("a call mode"). */
	onlyOptions?: string;
	/** The field's default in the editor (otherwise empty, false or the first option). */
	default?: string | boolean;
}

export const parameterName = (field: RecordField) => field.name ?? field.key;

const LARGEST_WHOLE_NUMBER = Number.MAX_SAFE_INTEGER;

/** The n8n field for one record field. */
export function fieldProperty(field: RecordField, required = false): INodeProperties {
	const base = { displayName: field.displayName, name: parameterName(field), description: field.description, required };
	const placeholder = field.placeholder ? { placeholder: field.placeholder } : {};
	switch (field.kind) {
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'wholeNumber':
			return { ...base, type: 'number', typeOptions: { minValue: 1 }, default: 0 };
		case 'json':
			return { ...base, type: 'json', default: field.shape === 'list' ? '[]' : '{}' };
		case 'option':
			return { ...base, type: 'options', options: field.options ?? [], default: field.default ?? field.options?.[0]?.value ?? '' };
		case 'longText':
			return { ...base, ...placeholder, type: 'string', typeOptions: { rows: 4 }, default: '' };
		default:
			return { ...base, ...placeholder, type: 'string', default: '' };
	}
}

/** The fields required on Create, as top-level fields, then an "Additional Fields" collection of the rest. */
export function createProperties(fields: RecordField[]): INodeProperties[] {
	const optional = fields.filter((field) => !field.required).map((field) => fieldProperty(field));
	const collection: INodeProperties[] = optional.length
		? [{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: sortedByName(optional) }]
		: [];
	return [...fields.filter((field) => field.required).map((field) => fieldProperty(field, true)), ...collection];
}

/** Every field in an "Update Fields" collection: only the ones added are sent. */
export function updateProperty(noun: string, fields: RecordField[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: `Only the fields added here are sent; the others keep their value in Sophiie's ${noun}`,
		options: sortedByName(fields.map((field) => fieldProperty(field))),
	};
}

function sortedByName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** One value, checked; `label` names the field in an error (with its collection). */
function checkedValue(node: INode, field: RecordField, value: unknown, itemIndex: number, label: string, phoneCountry: unknown): unknown {
	switch (field.kind) {
		case 'boolean':
			return validateBoolean(node, value, itemIndex, label);
		case 'wholeNumber':
			return validateWholeNumber(node, value, itemIndex, label, LARGEST_WHOLE_NUMBER, 'Give a whole number from 1 up, or remove the field.');
		case 'json':
			return validateJson(node, value, itemIndex, label, field.shape ?? 'object');
		case 'phone':
			return validatePhone(node, value, itemIndex, label, phoneCountry);
		case 'option': {
			const text = validateBoundedText(node, value, itemIndex, label, field);
			if (!field.onlyOptions) return text;
			const allowed = (field.options ?? []).map((option) => String(option.value));
			return validateOption(node, text, itemIndex, label, allowed, field.onlyOptions);
		}
		default:
			return validateBoundedText(node, value, itemIndex, label, field);
	}
}

/** Puts `value` at a dotted key: `settings.ignore_business_hours` → `{ settings: { ignore_business_hours } }`. */
function setAt(body: IDataObject, key: string, value: unknown) {
	const [head, ...rest] = key.split('.');
	if (rest.length === 0) {
		body[head] = value as IDataObject[string];
		return;
	}
	const inner = (body[head] ?? {}) as IDataObject;
	body[head] = inner;
	setAt(inner, rest.join('.'), value);
}

/**
 * The request body for the fields present in `values`, each checked before
 * anything is sent. Fields of `topLevel` are named alone in errors, the others
 * as `<collection> › <field>`. A phone field reads its country from
 * `values.phoneCountry` (the Phone Country beside it).
 */
export function recordBody(
	node: INode,
	fields: RecordField[],
	values: IDataObject,
	itemIndex: number,
	collection: string,
	topLevel: string[] = [],
): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		const name = parameterName(field);
		if (!(name in values)) continue;
		const label = topLevel.includes(name) ? field.displayName : `${collection} › ${field.displayName}`;
		setAt(body, field.key, checkedValue(node, field, values[name], itemIndex, label, values.phoneCountry));
	}
	return body;
}
