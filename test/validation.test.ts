import type { IDataObject } from 'n8n-workflow';

import { runSophiieNode } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

/**
 * Bad input is refused before any request: each case runs in n8n-core and the
 * sandbox's request log must stay empty. Every error names the item and field.
 */
const env = useSandbox();

const VALID_ID = 'ld_valid01';

interface BadInput {
	name: string;
	parameters: IDataObject;
	/** Input item the expressions read from. */
	item?: IDataObject;
	message: RegExp;
}

const badLeadIds: [string, unknown, RegExp][] = [
	['empty', '', /it is empty/],
	['only spaces', '   ', /it is empty/],
	['a slash', 'ld_1/../../organization', /would change the request path/],
	['a question mark', 'ld_1?limit=100', /would change the request path/],
	['a hash', 'ld_1#x', /would change the request path/],
	['dot dot', '..', /would change the request path/],
	['an inner space', 'ld 1', /contains whitespace/],
	['a tab', 'ld_1\t', /contains whitespace/],
	['a newline', 'ld_1\nX', /contains whitespace/],
	['a percent-encoding', 'ld_%2F', /would change the request path/],
	['a backslash', 'ld_1\\x', /would change the request path/],
	['unicode', 'ld_ñandú', /may only contain letters, digits/],
	['an emoji', 'ld_🙂', /may only contain letters, digits/],
	['10 kB of text', 'a'.repeat(10_000), /10000 characters long/],
];

const cases: BadInput[] = [
	...badLeadIds.flatMap(([name, value, message]) =>
		['get', 'delete', 'listActivities'].map((operation) => ({
			name: `${operation}: lead ID with ${name}`,
			parameters: leadParameters(operation, '={{ $json.leadId }}'),
			item: { leadId: value } as IDataObject,
			message: new RegExp(`^Invalid Lead ID in item 0: .*${message.source}`, "s"),
		})),
	),
	{
		name: 'lead ID expression resolving to an object',
		parameters: leadParameters('get', '={{ $json.lead }}'),
		item: { lead: { id: 'ld_1' } },
		message: /^Invalid Lead ID in item 0: expected text such as "ld_abc123", got an object/,
	},
	{
		name: 'lead ID expression resolving to a number',
		parameters: leadParameters('get', '={{ $json.n }}'),
		item: { n: 12345 },
		message: /^Invalid Lead ID in item 0: expected text such as "ld_abc123", got a number/,
	},
	{
		name: 'update with no fields',
		parameters: leadParameters('update', VALID_ID, { updateFields: {} }),
		message: /^Nothing to update in item 0: no Update Fields are set/,
	},
	...['not-an-email', 'jane@', '@example.com', 'jane@example', 'jane doe@example.com', `${'a'.repeat(250)}@example.com`].map(
		(email) => ({
			name: `update with email ${JSON.stringify(email.slice(0, 20))}`,
			parameters: leadParameters('update', VALID_ID, { updateFields: { email } }),
			message: /^Invalid Update Fields › Email in item 0: .* is not an email address/,
		}),
	),
	...['0412 345 678', '0412345678', '+0412345678', '+61 41a 345 678', '+1234567890123456', 'call me'].map((phone) => ({
		name: `update with phone ${JSON.stringify(phone)}`,
		parameters: leadParameters('update', VALID_ID, { updateFields: { phone } }),
		message: /^Invalid Update Fields › Phone in item 0: .* is not an E.164 phone number/,
	})),
	{
		name: 'update with an empty first name',
		parameters: leadParameters('update', VALID_ID, { updateFields: { firstName: '  ' } }),
		message: /^Invalid Update Fields › First Name in item 0: it is empty/,
	},
	{
		name: 'update with a last name expression resolving to an object',
		parameters: leadParameters('update', VALID_ID, { updateFields: { lastName: '={{ $json.name }}' } }),
		item: { name: { last: 'Lee' } },
		message: /^Invalid Update Fields › Last Name in item 0: expected text, got an object/,
	},
	...[0, -1, 1e9, 2.5].map((limit) => ({
		name: `list activities with limit ${limit}`,
		parameters: leadParameters('listActivities', VALID_ID, { returnAll: false, limit }),
		message: new RegExp(`^Invalid Limit in item 0: ${limit} is not a whole number from 1 to 1000`),
	})),
	{
		name: 'list activities with a limit expression resolving to text',
		parameters: leadParameters('listActivities', VALID_ID, { returnAll: false, limit: '={{ "ten" }}' }),
		message: /^Invalid Limit in item 0: "ten" is not a whole number from 1 to 1000/,
	},
];

describe('bad input is rejected before any request', () => {
	test('there are at least 30 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
	});

	test.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: testCase.parameters,
			items: [testCase.item ?? {}],
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(testCase.message);
		expect(error?.name).toBe('NodeOperationError');
		expect(env.apiRequests()).toEqual([]);
	});

	test('the error names the failing item; earlier items ran, later ones did not', async () => {
		const leads = env.sandbox.store.listLeads('org_acme').slice(0, 2);
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', '={{ $json.leadId }}'),
			items: [{ leadId: leads[0].id }, { leadId: leads[1].id }, { leadId: 'ld/2' }, { leadId: leads[0].id }],
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Invalid Lead ID in item 2: /);
		expect(env.apiRequests().map((request) => request.path)).toEqual(leads.map((lead) => `/v1/leads/${lead.id}`));
	});

	test('an API failure that stops a run of several items names the item too', async () => {
		const [lead] = env.sandbox.store.listLeads('org_acme');
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', '={{ $json.leadId }}'),
			items: [{ leadId: lead.id }, { leadId: 'ld_missing' }, { leadId: lead.id }],
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Lead ld_missing not found (in item 1)');
	});

	test('with Continue On Fail, a bad item becomes an error item and the next items still run', async () => {
		const leads = env.sandbox.store.listLeads('org_acme').slice(0, 2);
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			continueOnFail: true,
			parameters: leadParameters('get', '={{ $json.leadId }}', { simplify: true }),
			items: [{ leadId: leads[0].id }, { leadId: ' ' }, { leadId: 'ld_missing' }, { leadId: leads[1].id }],
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: leads[0].id }),
			{ error: 'Invalid Lead ID in item 1: it is empty' },
			{ error: 'Lead ld_missing not found' },
			expect.objectContaining({ id: leads[1].id }),
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(env.apiRequests()).toHaveLength(3);
	});
});
