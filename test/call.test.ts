import { useSandbox } from './harness/sandbox';

/** Call › Create: Sophiie's AI phones a person. Through n8n-core against the sandbox. */
const env = useSandbox();
const calls = () => env.sandbox.store.records.get('org_acme')!.calls;
const run = (parameters = {}, items?: Array<Record<string, string>>) => env.run('call', 'create', parameters, items);

describe('Call', () => {
	test('places one call with name, E.164 number and mode, and passes Sophiie’s answer on as it comes', async () => {
		const { items, error } = await run({ name: 'Jane Citizen', phoneNumber: '+61412345678', mode: 'normal', customInstructions: 'She asked about a quote' });
		expect(error).toBeUndefined();
		expect(env.apiRequests()[0]).toMatchObject({
			method: 'POST',
			path: '/v1/calls',
			body: { name: 'Jane Citizen', phoneNumber: '+61412345678', mode: 'normal', custom_instructions: 'She asked about a quote' },
		});
		expect(calls()).toEqual([expect.objectContaining({ name: 'Jane Citizen', phoneNumber: '+61412345678', mode: 'normal' })]);
		expect(items.map((item) => item.json)).toEqual([{ message: 'Call initiated successfully', callId: calls()[0].id }]);
	});

	test('bad input is refused before anyone is called: a number not in E.164, Transfer Only without instructions', async () => {
		expect((await run({ name: 'Jane', phoneNumber: '0412 345 678', mode: 'normal' })).error?.message).toBe(
			'Invalid Phone Number in item 0: "0412 345 678" is not an E.164 phone number',
		);
		expect((await run({ name: 'Jane', phoneNumber: '+61412345678', mode: 'transfer_only' })).error?.message).toBe(
			'Missing Custom Instructions in item 0: a Transfer Only call needs them',
		);
		const blankName = await run({ name: '={{ $json.name }}', phoneNumber: '+61412345678', mode: 'normal' }, [{ name: ' ' }]);
		expect(blankName.error?.message).toBe('Invalid Name in item 0: it is empty');
		const unknownMode = await run({ name: 'Jane', phoneNumber: '+61412345678', mode: '={{ $json.mode }}' }, [{ mode: 'robocall' }]);
		expect(unknownMode.error?.message).toBe('Invalid Mode in item 0: "robocall" is not a call mode');
		expect(env.apiRequests()).toEqual([]);
	});

	test('a call whose answer is a 500 is not placed again: the error says Sophiie may have placed it', async () => {
		env.sandbox.addFault({ path: '^/v1/calls', method: 'POST', status: 500, processed: true, times: 1 });
		const { error } = await run({ name: 'Jane', phoneNumber: '+61412345678', mode: 'normal' });
		expect(error?.message).toBe('Sophiie server error (HTTP 500): "Internal server error"');
		expect(error?.description).toContain('Sophiie may have processed POST /v1/calls');
		expect(env.apiRequests().filter((request) => request.path === '/v1/calls')).toHaveLength(1);
		expect(calls()).toHaveLength(1);
	});

	test('a rate-limited call (Sophiie did not take it) is placed once after the wait', async () => {
		env.sandbox.addFault({ path: '^/v1/calls', method: 'POST', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
		const { error } = await run({ name: 'Jane', phoneNumber: '+61412345678', mode: 'normal' });
		expect(error).toBeUndefined();
		expect(calls()).toHaveLength(1);
	});
});
