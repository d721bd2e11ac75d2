import { runListSearch } from '../scripts/harness/n8n-core';
import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** Scenario › Create, Get, Get Many, Update, Delete and its "From list" search, through n8n-core against the sandbox. */
const env = useSandbox();
const scenarios = () => env.sandbox.store.records.get('org_acme')!.knowledge.scenarios;
const run = (operation: string, parameters = {}) => env.run('scenario', operation, parameters);

describe('Scenario', () => {
	test('Get Many lists the AI receptionist’s scenarios, newest first, with Limit and Return All', async () => {
		const expected = scenarios().list().map((scenario) => scenario.id);
		expect((await run('getAll', { returnAll: true })).items.map((item) => item.json.id)).toEqual(expected);
		expect((await run('getAll', { limit: 2 })).items.map((item) => item.json.id)).toEqual(expected.slice(0, 2));
	});

	test('Create sends the required fields and the Additional Fields under Sophiie’s names, and returns the scenario unwrapped', async () => {
		const { items, error } = await run('create', {
			name: 'Gas leak',
			prompt: 'The caller smells gas',
			response: 'Tell them to leave the house and call the gas emergency line',
			additionalFields: { isActive: false, questions: '[{ "question": "Is anyone unwell?", "answerOptions": [] }]', outcome: { type: 'endCall' }, tradeServiceId: 4 },
		});
		expect(error).toBeUndefined();
		const [post] = env.apiRequests();
		expect(post).toMatchObject({ method: 'POST', path: '/v1/scenarios' });
		expect(post.body).toEqual({
			name: 'Gas leak',
			prompt: 'The caller smells gas',
			response: 'Tell them to leave the house and call the gas emergency line',
			isActive: false,
			questions: [{ question: 'Is anyone unwell?', answerOptions: [] }],
			outcome: { type: 'endCall' },
			tradeServiceId: 4,
		});
		const stored = scenarios().list()[0];
		expect(items.map((item) => item.json)).toEqual([JSON.parse(JSON.stringify(stored))]);
	});

	test('a scenario of the same name is Sophiie’s 409, said with what it most likely means', async () => {
		const { error } = await run('create', { name: 'Blocked drain', prompt: 'Again', response: 'Again' });
		expect(error?.message).toBe('Sophiie reported a conflict: "Conflict" (HTTP 409)');
		expect(error?.description).toContain('Another scenario may already use this name.');
	});

	test('Get reads one by its whole-number id; an unknown one is "not found"; a bad id is refused before any request', async () => {
		const [newest] = scenarios().list();
		expect((await run('get', { scenarioId: byId(String(newest.id)) })).items[0].json).toMatchObject({ id: newest.id, name: newest.name });
		expect((await run('get', { scenarioId: byId('999999') })).error?.message).toBe('Scenario 999999 not found');
		env.sandbox.reset();
		// Typed "By ID", the editor refuses it already; from an expression, the node does.
		const { error } = await env.run('scenario', 'get', { scenarioId: byId('={{ $json.id }}') }, [{ id: '12a' }]);
		expect(error?.message).toBe('Invalid Scenario ID in item 0: "12a" is not a whole number');
		expect(env.apiRequests()).toEqual([]);
	});

	test('Update sends only the fields added, at least one; bad JSON is named before anything is sent', async () => {
		const [first] = scenarios().list();
		const { items } = await run('update', { scenarioId: byId(first.id), updateFields: { isActive: false } });
		expect(env.apiRequests()[0]).toMatchObject({ method: 'PUT', path: `/v1/scenarios/${first.id}`, body: { isActive: false } });
		expect(items[0].json).toMatchObject({ id: first.id, name: first.name, isActive: false });

		env.sandbox.reset();
		expect((await run('update', { scenarioId: byId(first.id), updateFields: {} })).error?.message).toBe('Nothing to update in item 0: no Update Fields are set');
		const badJson = await run('update', { scenarioId: byId(first.id), updateFields: { outcome: '{ type: ' } });
		expect(badJson.error?.message).toBe('Invalid Update Fields › Outcome (JSON) in item 0: "{ type: " is not valid JSON');
		const notAList = await run('update', { scenarioId: byId(first.id), updateFields: { questions: '{}' } });
		expect(notAList.error?.message).toBe('Invalid Update Fields › Questions (JSON) in item 0: expected a JSON list, got an object');
		expect(env.apiRequests()).toEqual([]);
	});

	test('Delete answers { deleted, id }; the scenario is then gone from Get and Get Many', async () => {
		const [first] = scenarios().list();
		expect((await run('delete', { scenarioId: byId(first.id) })).items[0].json).toEqual({ deleted: true, id: first.id });
		expect((await run('get', { scenarioId: byId(first.id) })).error?.message).toBe(`Scenario ${first.id} not found`);
		expect((await run('getAll', { returnAll: true })).items.map((item) => item.json.id)).not.toContain(first.id);
	});

	test('the "From list" search shows each scenario by name and finds it by a word of it', async () => {
		const all = await runListSearch('searchScenarios', env.credentials);
		expect(all.results).toEqual(scenarios().list().map((scenario) => ({ name: `${scenario.name} (#${scenario.id})`, value: String(scenario.id) })));
		const found = await runListSearch('searchScenarios', env.credentials, 'burst');
		expect(found.results.map((result) => result.name)).toEqual([expect.stringMatching(/^Burst pipe \(#\d+\)$/)]);
	});
});
