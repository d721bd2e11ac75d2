import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** Transfer › Create, Get, Get Many, Update, Delete (call-transfer rules), through n8n-core against the sandbox. */
const env = useSandbox();
const transfers = () => env.sandbox.store.records.get('org_acme')!.knowledge.transfers;
const run = (operation: string, parameters = {}) => env.run('transfer', operation, parameters);

const REQUIRED = {
	label: 'Holiday on-call',
	method: 'WARM',
	destinationType: 'PHONE_NUMBER',
	destination: '+61290000002',
	conditions: 'Any urgent job between Christmas and New Year',
};

describe('Transfer', () => {
	test('Create sends the five required fields and the options, Ignore Business Hours under settings', async () => {
		const { items, error } = await run('create', {
			...REQUIRED,
			additionalFields: { ignoreBusinessHours: true, isEnabled: false, summaryFormat: '{name}: {summary}', scenarioId: 2 },
		});
		expect(error).toBeUndefined();
		expect(env.apiRequests()[0]).toMatchObject({
			method: 'POST',
			path: '/v1/transfers',
			body: { ...REQUIRED, settings: { ignore_business_hours: true }, isEnabled: false, summaryFormat: '{name}: {summary}', scenarioId: 2 },
		});
		expect(items[0].json).toMatchObject({ id: transfers().list()[0].id, ...REQUIRED, settings: { ignore_business_hours: true } });
	});

	test('a required field left empty is refused before anything is sent', async () => {
		const { error } = await run('create', { ...REQUIRED, destination: '  ' });
		expect(error?.message).toBe('Invalid Destination in item 0: it is empty');
		expect(env.apiRequests()).toEqual([]);
	});

	test('Update switches a rule off for the holidays: only Enabled is sent', async () => {
		const rule = transfers().list().find((transfer) => transfer.isEnabled)!;
		const { items } = await run('update', { transferId: byId(rule.id), updateFields: { isEnabled: false } });
		expect(env.apiRequests()[0]).toMatchObject({ method: 'PUT', path: `/v1/transfers/${rule.id}`, body: { isEnabled: false } });
		expect(items[0].json).toMatchObject({ id: rule.id, label: rule.label, isEnabled: false });
	});

	test('Get, Get Many and Delete; an unknown rule is "not found"', async () => {
		const expected = transfers().list().map((transfer) => transfer.id);
		expect((await run('getAll', { returnAll: true })).items.map((item) => item.json.id)).toEqual(expected);
		expect((await run('get', { transferId: byId(expected[0]) })).items[0].json).toMatchObject({ id: expected[0] });
		expect((await run('delete', { transferId: byId(expected[0]) })).items[0].json).toEqual({ deleted: true, id: expected[0] });
		expect((await run('get', { transferId: byId(expected[0]) })).error?.message).toBe(`Transfer ${expected[0]} not found`);
		expect((await run('update', { transferId: byId(999999), updateFields: { isEnabled: true } })).error?.message).toBe('Transfer 999999 not found');
	});

	test('a second rule of the same label is Sophiie’s 409', async () => {
		const { error } = await run('create', { ...REQUIRED, label: transfers().list()[0].label as string });
		expect(error?.message).toBe('Sophiie reported a conflict: "Conflict" (HTTP 409)');
		expect(error?.description).toContain('Another transfer may already use this label.');
	});
});
