/**
 * What the contract check prints and reports of Sophiie's answers: emails and
 * phone numbers masked (they are the account's people), and long answers
 * shortened.
 */

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (digits.length < 7) return phone;
	return `${phone.startsWith('+') ? '+' : ''}${digits.slice(0, 2)}${'•'.repeat(digits.length - 5)}${digits.slice(-3)}`;
}

/** Masks every email address (first letter and domain kept) and phone number (first two and last three digits kept). */
export function mask(text: string): string {
	return text.replace(EMAIL, (_match, first: string, domain: string) => `${first}•••@${domain}`).replace(PHONE, (match) => (/^\d{4}-\d{2}-\d{2}/.test(match) ? match : maskPhone(match)));
}

/** A value as short JSON (at most `max` characters), masked. */
export function shown(value: unknown, max = 160): string {
	let text: string;
	if (value === undefined) text = 'nothing';
	else if (typeof value === 'string') text = value === '' ? 'an empty body' : JSON.stringify(value);
	else text = JSON.stringify(value) ?? String(value);
	const masked = mask(text);
	return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}

/** The keys of an object answer, or what the answer is instead. */
export function shapeOf(value: unknown): string {
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (value && typeof value === 'object') return `{ ${Object.keys(value).join(', ')} }`;
	return shown(value, 60);
}
