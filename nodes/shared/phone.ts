import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Phone numbers as forms, spreadsheets and other CRMs hold them, made into
 * E.164 (what Sophiie takes) for a country the user picks. Each country is its
 * calling code, its trunk prefix (the 0 of "0412 345 678") and the national
 * numbers it has, as a pattern over the digits after the trunk prefix: mobiles,
 * landlines with their area codes, and the toll-free numbers that can be
 * written in E.164.
 */

export interface PhoneCountry {
	code: string;
	name: string;
	callingCode: string;
	/** Dialled before a national number at home; none in Singapore. */
	trunkPrefix?: string;
	/** Dialled before another country's code (00 unless given). */
	internationalPrefix?: string;
	/** The national (significant) number, as digits. */
	national: RegExp;
	/** A local number as a form would hold it, for errors' hints. */
	example: string;
}

export const PHONE_COUNTRIES: PhoneCountry[] = [
	// Landlines (2, 3, 7, 8) and mobiles (4) have 9 digits; 1300 and 1800 numbers 10.
	{ code: 'AU', name: 'Australia', callingCode: '61', trunkPrefix: '0', internationalPrefix: '0011', national: /^(?:[23478]\d{8}|1[38]00\d{6})$/, example: '0412 345 678' },
	// Landlines 3, 4, 6, 7, 9 and 8 digits; mobiles 2x, 8 to 10; 0800 and 0508 freephone.
	{ code: 'NZ', name: 'New Zealand', callingCode: '64', trunkPrefix: '0', national: /^(?:[34679]\d{7}|2\d{7,9}|(?:800|508)\d{6,7})$/, example: '021 123 4567' },
	// Geographic, mobile (7) and freephone (800, 808) numbers: 9 or 10 digits.
	{ code: 'GB', name: 'United Kingdom', callingCode: '44', trunkPrefix: '0', national: /^[1-9]\d{8,9}$/, example: '07911 123456' },
	// Landlines 7 to 9 digits with their area code, mobiles 8x and 9 digits; 1800 freephone.
	{ code: 'IE', name: 'Ireland', callingCode: '353', trunkPrefix: '0', national: /^(?:[1-9]\d{6,8}|1800\d{6})$/, example: '085 123 4567' },
	// North American numbering: a 3-digit area code and a 7-digit number, neither starting with 0 or 1.
	{ code: 'US', name: 'United States', callingCode: '1', trunkPrefix: '1', internationalPrefix: '011', national: /^[2-9]\d{2}[2-9]\d{6}$/, example: '(415) 555-2671' },
	{ code: 'CA', name: 'Canada', callingCode: '1', trunkPrefix: '1', internationalPrefix: '011', national: /^[2-9]\d{2}[2-9]\d{6}$/, example: '(416) 555-0123' },
	// 8 digits: landlines 6, mobiles 8 and 9, 3 for some services; no trunk prefix.
	{ code: 'SG', name: 'Singapore', callingCode: '65', national: /^[3689]\d{7}$/, example: '9123 4567' },
	// 9 digits after the 0: landlines 1 to 5, mobiles 6 to 8, 0800 toll-free.
	{ code: 'ZA', name: 'South Africa', callingCode: '27', trunkPrefix: '0', national: /^[1-8]\d{8}$/, example: '082 123 4567' },
];

/** The Phone Country dropdown: None keeps numbers as they are (E.164 only). */
export const PHONE_COUNTRY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'None (E.164 Only)', value: 'none', description: 'Numbers must already be in E.164: "+", country code and number' },
	...PHONE_COUNTRIES.map(({ code, name, callingCode }) => ({ name, value: code, description: `Local numbers become +${callingCode}…` })),
];

/** E.164: a plus sign, a country code that does not start with 0, at most 15 digits. */
const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** Whether a phone number is in E.164, as Sophiie takes it. */
export const isE164 = (value: string): boolean => E164_PATTERN.test(value);

/** Spaces, dashes, dots and parentheses: formatting, never part of a number. */
export function withoutFormatting(phone: string): string {
	return phone.replace(/[\s\-.()]/g, '');
}

/** The country of a Phone Country value (its code, any case), or undefined. */
export function phoneCountryOf(value: string): PhoneCountry | undefined {
	return PHONE_COUNTRIES.find((country) => country.code === value.trim().toUpperCase());
}

/** The digits after "+" or the country's international prefix, when the number has either. */
function internationalDigits(compact: string, country: PhoneCountry): string | undefined {
	if (compact.startsWith('+')) return compact.slice(1);
	const prefix = country.internationalPrefix ?? '00';
	return compact.startsWith(prefix) ? compact.slice(prefix.length) : undefined;
}

/**
 * The number in E.164 for `country`, or undefined when it is none of that
 * country's numbers. A number with a "+" (or the country's international
 * prefix: 00, 0011 in Australia, 011 in North America) already has its
 * country code and is kept, without the trunk prefix some write after their
 * own code ("+44 (0)7911 123456"); otherwise it is the national number with
 * its trunk prefix, with its calling code but no "+" (61412345678), or
 * without the trunk prefix (412345678).
 */
export function toE164(phone: string, country: PhoneCountry): string | undefined {
	const compact = withoutFormatting(phone);
	const international = internationalDigits(compact, country);
	if (international !== undefined) {
		const ownTrunk = country.trunkPrefix && international.startsWith(`${country.callingCode}${country.trunkPrefix}`);
		const digits = ownTrunk ? `${country.callingCode}${international.slice(country.callingCode.length + country.trunkPrefix!.length)}` : international;
		return isE164(`+${digits}`) ? `+${digits}` : undefined;
	}
	if (!/^\d+$/.test(compact)) return undefined;
	const candidates = [
		country.trunkPrefix && compact.startsWith(country.trunkPrefix) ? compact.slice(country.trunkPrefix.length) : undefined,
		compact.startsWith(country.callingCode) ? compact.slice(country.callingCode.length) : undefined,
		compact,
	];
	const national = candidates.find((candidate) => candidate !== undefined && country.national.test(candidate));
	return national === undefined ? undefined : `+${country.callingCode}${national}`;
}
