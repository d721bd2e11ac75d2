import { PHONE_COUNTRIES, phoneCountryOf, toE164 } from '../nodes/shared/phone';
import { runSophiieNode } from '../scripts/harness/n8n-core';
import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/**
 * Phone numbers as forms send them: formatting removed always, and with a
 * Phone Country, national numbers made E.164 (nodes/shared/phone.ts); then the
 * same rules through Lead Create, Update, Create or Update and Call in n8n-core.
 */

const country = (code: string) => phoneCountryOf(code)!;

describe('toE164, per country', () => {
	test.each([
		// Australia: mobiles, landlines with area codes, 1300/1800, with the code and no "+", without the 0
		['AU', '0412 345 678', '+61412345678'],
		['AU', '0412-345-678', '+61412345678'],
		['AU', '(02) 9876 5432', '+61298765432'],
		['AU', '03 9123 4567', '+61391234567'],
		['AU', '61412345678', '+61412345678'],
		['AU', '+61 412 345 678', '+61412345678'],
		['AU', '412 345 678', '+61412345678'],
		['AU', '1800 123 456', '+611800123456'],
		['AU', '0011 64 21 123 4567', '+64211234567'],
		['NZ', '021 123 4567', '+64211234567'],
		['NZ', '(09) 123 4567', '+6491234567'],
		['NZ', '0800 123 456', '+64800123456'],
		['NZ', '64 21 123 4567', '+64211234567'],
		['GB', '07911 123456', '+447911123456'],
		['GB', '020 7946 0958', '+442079460958'],
		['GB', '0800 123 4567', '+448001234567'],
		['GB', '+44 (0)7911 123456', '+447911123456'],
		['IE', '085 123 4567', '+353851234567'],
		['IE', '(01) 234 5678', '+35312345678'],
		['IE', '1800 123 456', '+3531800123456'],
		['US', '(415) 555-2671', '+14155552671'],
		['US', '415.555.2671', '+14155552671'],
		['US', '1 415 555 2671', '+14155552671'],
		['US', '011 61 412 345 678', '+61412345678'],
		['CA', '(416) 555-0123', '+14165550123'],
		['SG', '9123 4567', '+6591234567'],
		['SG', '6123 4567', '+6561234567'],
		['SG', '65 9123 4567', '+6591234567'],
		['ZA', '082 123 4567', '+27821234567'],
		['ZA', '(011) 123 4567', '+27111234567'],
		['ZA', '0800 123 456', '+27800123456'],
	])('%s %s → %s', (code, phone, expected) => {
		expect(toE164(phone, country(code))).toBe(expected);
	});

	test.each([
		['AU', '0412 345 67'],
		['AU', '0412 345 6789'],
		['AU', '0512 345 678'],
		['NZ', '021 12'],
		['GB', '07911 1234'],
		['IE', '085 12'],
		['US', '(015) 555-2671'],
		['US', '415 555 267'],
		['SG', '1234 5678'],
		['SG', '9123 456'],
		['ZA', '082 123 45'],
		['AU', 'call me'],
		['AU', '+0412345678'],
	])('%s %s is no number of that country', (code, phone) => {
		expect(toE164(phone, country(code))).toBeUndefined();
	});

	test('a number with another country’s code is kept, whatever the country chosen', () => {
		for (const { code } of PHONE_COUNTRIES) expect(toE164('+64 21 123 4567', country(code))).toBe('+64211234567');
	});

	test('a country is found by its code in any case', () => {
		expect(phoneCountryOf(' au ')?.name).toBe('Australia');
		expect(phoneCountryOf('XX')).toBeUndefined();
	});
});

const env = useSandbox();

describe('phone fields in n8n-core', () => {
	test('Lead › Create with "0412 345 678" and Australia sends +61412345678, and the output has it', async () => {
		const { items, error } = await env.run('lead', 'create', { firstName: 'Mia', additionalFields: { phone: '0412 345 678', phoneCountry: 'AU' } });
		expect(error).toBeUndefined();
		expect(env.apiRequests()[0].body).toEqual({ firstName: 'Mia', phone: '+61412345678' });
		expect(items[0].json.phone).toBe('+61412345678');
	});

	test('with Phone Country None, "0412 345 678" fails before sending with the E.164 message; "+61 412 345 678" is sent as +61412345678', async () => {
		const refused = await env.run('lead', 'create', { firstName: 'Mia', additionalFields: { phone: '0412 345 678' } });
		expect(refused.error?.message).toBe('Invalid Additional Fields › Phone in item 0: "0412 345 678" is not an E.164 phone number');
		expect(env.apiRequests()).toEqual([]);
		await env.run('lead', 'create', { firstName: 'Mia', additionalFields: { phone: '+61 412 345 678' } });
		expect(env.apiRequests()[0].body).toEqual({ firstName: 'Mia', phone: '+61412345678' });
	});

	test('a number that is not of the country chosen names the item, the field, the value and the country', async () => {
		const { error } = await env.run('lead', 'create', { firstName: 'Mia', additionalFields: { phone: '0412 345', phoneCountry: 'AU' } }, [{}, {}]);
		expect(error?.message).toBe('Invalid Additional Fields › Phone in item 0: "0412 345" is not a phone number of Australia (Phone Country AU)');
		expect(env.apiRequests()).toEqual([]);
	});

	test('the Phone Country can come from the item, and an unknown one is refused', async () => {
		const rows = [{ phone: '021 123 4567', country: 'nz' }, { phone: '0412 345 678', country: 'Mars' }];
		const { items } = await runWithContinue(rows);
		expect(items.map((item) => item.json.phone ?? item.json.error)).toEqual([
			'+64211234567',
			'Invalid Additional Fields › Phone Country in item 1: "Mars" is not a country this node knows',
		]);
	});

	test('Update, Create or Update (its match too) and Call take the same country', async () => {
		const [lead] = env.sandbox.store.listLeads('org_acme');
		const local = `0${lead.phone.slice(3)}`;
		expect(lead.phone).toMatch(/^\+61/);
		const matched = await env.run('lead', 'createOrUpdate', { firstName: 'Sam', matchBy: 'phone', additionalFields: { phone: local, phoneCountry: 'AU' } });
		expect(matched.items[0].json).toMatchObject({ id: lead.id, outcome: 'updated', phone: lead.phone });
		const updated = await env.run('lead', 'update', { leadId: byId(lead.id), updateFields: { phone: '0400 111 222', phoneCountry: 'AU' } });
		expect(updated.items[0].json.phone).toBe('+61400111222');
		const call = await env.run('call', 'create', { name: 'Mia', phoneNumber: '0412 345 678', phoneCountry: 'AU', mode: 'normal' });
		expect(call.error).toBeUndefined();
		expect(env.sandbox.store.records.get('org_acme')!.calls.at(-1)).toMatchObject({ phoneNumber: '+61412345678' });
	});
});

async function runWithContinue(rows: Array<Record<string, string>>) {
	return await runSophiieNode({
		credentials: env.credentials,
		items: rows,
		continueOnFail: true,
		parameters: { resource: 'lead', operation: 'create', firstName: 'Ana', additionalFields: { phone: '={{ $json.phone }}', phoneCountry: '={{ $json.country }}' } },
	});
}
