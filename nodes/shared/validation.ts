import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isE164, PHONE_COUNTRIES, phoneCountryOf, toE164, withoutFormatting } from './phone';

/**
 * Input checks that run before any request is sent. Each error names the item
 * and the field, so a user can find the bad row in a long input.
 */

/** Sophiie ids look like `ld_abc123`; anything else could change the request path. */
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const MAX_ID_LENGTH = 128;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_EMAIL_LENGTH = 254;


function preview(value: string): string {
	return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function invalid(node: INode, itemIndex: number, field: string, problem: string, hint: string) {
	return new NodeOperationError(node, `Invalid ${field} in item ${itemIndex}: ${problem}`, {
		itemIndex,
		description: hint,
	});
}

function whyIdIsInvalid(value: string): string | undefined {
	if (value.trim() === '') return 'it is empty';
	if (/\s/.test(value)) return `${preview(value)} contains whitespace`;
	if (/[/?#\\%]/.test(value) || value.includes('..')) {
		return `${preview(value)} contains characters that would change the request path (/ ? # % \\ ..)`;
	}
	if (value.length > MAX_ID_LENGTH) return `it is ${value.length} characters long (at most ${MAX_ID_LENGTH})`;
	if (!ID_PATTERN.test(value)) {
		return `${preview(value)} may only contain letters, digits, "_" and "-"`;
	}
	return undefined;
}

/** Whether an id is one the node sends as it is (the lead-ids assumption). */
export const isSendableId = (value: string): boolean => whyIdIsInvalid(value) === undefined;


/** Returns a Sophiie id (lead, member…) or throws a NodeOperationError naming item and field. */
export function validateId(node: INode, value: unknown, itemIndex: number, field: string): string {
	if (typeof value !== 'string') {
		throw invalid(
			node,
			itemIndex,
			field,
			`expected text such as "ld_abc123", got ${describeType(value)}`,
			'If the ID comes from an expression, make it resolve to the ID string itself.',
		);
	}
	const problem = whyIdIsInvalid(value);
	if (problem) {
		throw invalid(node, itemIndex, field, problem, 'Sophiie IDs look like "ld_abc123".');
	}
	return value;
}

/** Sophiie's whole-number ids (scenarios, transfers, policies, FAQs) go in a path: digits only. */
const NUMERIC_ID_PATTERN = /^[1-9]\d{0,14}$/;

/** Returns a whole-number id as the text of the path, or throws a NodeOperationError naming item and field. */
function whyNumericIdIsInvalid(value: unknown): string | undefined {
	if (typeof value === 'number') return NUMERIC_ID_PATTERN.test(String(value)) ? undefined : `expected a whole number such as 42, got ${describeType(value)}`;
	if (typeof value !== 'string') return `expected a whole number such as 42, got ${describeType(value)}`;
	if (value.trim() === '') return 'it is empty';
	return NUMERIC_ID_PATTERN.test(value.trim()) ? undefined : `${preview(value)} is not a whole number`;
}

export function validateNumericId(node: INode, value: unknown, itemIndex: number, field: string): string {
	const problem = whyNumericIdIsInvalid(value);
	if (problem) throw invalid(node, itemIndex, field, problem, 'These Sophiie IDs are whole numbers from 1 up, e.g. "42".');
	return String(value).trim();
}

/** One of a dropdown's values where Sophiie takes no other (an expression could give any). */
export function validateOption(node: INode, value: string, itemIndex: number, field: string, allowed: readonly string[], noun: string): string {
	if (!allowed.includes(value)) {
		throw invalid(node, itemIndex, field, `${JSON.stringify(value)} is not ${noun}`, `Choose ${allowed.map((option) => `"${option}"`).join(' or ')}.`);
	}
	return value;
}

/** Text of a bounded length (Sophiie's FAQ question, policy title…), trimmed. */
export function validateBoundedText(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	{ minLength = 1, maxLength }: { minLength?: number; maxLength?: number },
): string {
	const text = validateText(node, value, itemIndex, field);
	if (text.length < minLength) {
		throw invalid(node, itemIndex, field, `${preview(text)} is shorter than ${minLength} characters`, `Sophiie needs at least ${minLength} characters here.`);
	}
	if (maxLength !== undefined && text.length > maxLength) {
		throw invalid(node, itemIndex, field, `it is ${text.length} characters long (at most ${maxLength})`, `Shorten it to ${maxLength} characters or fewer.`);
	}
	return text;
}

/** A true/false value; an expression may give it as the text "true" or "false". */
export function validateBoolean(node: INode, value: unknown, itemIndex: number, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalid(node, itemIndex, field, `expected true or false, got ${typeof value === 'string' ? preview(value) : describeType(value)}`, 'Use the toggle, or an expression that gives true or false.');
}

/** A JSON object or list, given as one or as its JSON text. */
export function validateJson(node: INode, value: unknown, itemIndex: number, field: string, shape: 'object' | 'list'): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw invalid(node, itemIndex, field, `${preview(value)} is not valid JSON`, `Give a JSON ${shape}, e.g. ${shape === 'list' ? '[{ "question": "…" }]' : '{ "type": "continueCall" }'}.`);
		}
	}
	const isList = Array.isArray(parsed);
	if ((shape === 'list') !== isList || parsed === null || typeof parsed !== 'object') {
		throw invalid(node, itemIndex, field, `expected a JSON ${shape}, got ${describeType(parsed)}`, `Give a JSON ${shape}.`);
	}
	return parsed;
}

export function validateEmail(node: INode, value: unknown, itemIndex: number, field: string): string {
	if (
		typeof value !== 'string' ||
		value.length > MAX_EMAIL_LENGTH ||
		!EMAIL_PATTERN.test(value)
	) {
		const shown = typeof value === 'string' ? preview(value) : describeType(value);
		throw invalid(node, itemIndex, field, `${shown} is not an email address`, 'Use an address such as "jane@example.com".');
	}
	return value;
}

/**
 * Returns the phone number to send: formatting removed (spaces, dashes, dots,
 * parentheses) and, with a Phone Country other than None, a national number
 * made E.164 for that country (phone.ts); else throws naming item and field.
 */
export function validatePhone(node: INode, value: unknown, itemIndex: number, field: string, phoneCountry: unknown = 'none', countryField = 'Phone Country'): string {
	const shown = typeof value === 'string' ? preview(value) : describeType(value);
	if (phoneCountry === undefined || phoneCountry === '' || phoneCountry === 'none') {
		const compact = typeof value === 'string' ? withoutFormatting(value) : undefined;
		if (compact !== undefined && isE164(compact)) return compact;
		throw invalid(node, itemIndex, field, `${shown} is not an E.164 phone number`, 'Sophiie expects international format: "+", country code and number, e.g. "+61412345678". To send local numbers such as "0412 345 678", choose a Phone Country.');
	}
	const country = typeof phoneCountry === 'string' ? phoneCountryOf(phoneCountry) : undefined;
	if (!country) {
		const known = PHONE_COUNTRIES.map((entry) => entry.code).join(', ');
		throw invalid(node, itemIndex, countryField, `${typeof phoneCountry === 'string' ? preview(phoneCountry) : describeType(phoneCountry)} is not a country this node knows`, `Choose one from the list, or give one of ${known} or "none".`);
	}
	const e164 = typeof value === 'string' ? toE164(value, country) : undefined;
	if (e164 === undefined) {
		throw invalid(node, itemIndex, field, `${shown} is not a phone number of ${country.name} (Phone Country ${country.code})`, `Give a ${country.name} number (with or without its trunk prefix, e.g. "${country.example}") or any number in E.164 with its "+".`);
	}
	return e164;
}

export function validateText(node: INode, value: unknown, itemIndex: number, field: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalid(node, itemIndex, field, `expected text, got ${describeType(value)}`, 'Give the field a plain text value.');
	}
	const text = String(value).trim();
	if (text === '') {
		throw invalid(node, itemIndex, field, 'it is empty', 'Give it a value, or remove the field so it is left unchanged.');
	}
	return text;
}

/** A whole number from 1 to `max` (a limit, a concurrency…), or an error naming item and field. */
export function validateWholeNumber(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	max: number,
	hint: string,
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		const shown = typeof value === 'string' ? preview(value) : String(value);
		throw invalid(node, itemIndex, field, `${shown} is not a whole number from 1 to ${max}`, hint);
	}
	return value;
}
