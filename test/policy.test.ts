import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** Policy › Create, Get Many, Update, Delete, through n8n-core against the sandbox. */
const env = useSandbox();
const policies = () => env.sandbox.store.records.get('org_acme')!.knowledge.policies;
const run = (operation: string, parameters = {}) => env.run('policy', operation, parameters);

describe('Policy', () => {
	test('Create, then Get Many shows it first; Update and Delete by id', async () => {
		const created = await run('create', { title: 'Pets', content: 'Please keep pets inside during the visit.' });
		expect(env.apiRequests()[0]).toMatchObject({ method: 'POST', path: '/v1/policies', body: { title: 'Pets', content: 'Please keep pets inside during the visit.' } });
		const id = created.items[0].json.id as number;
		expect(created.items[0].json).toMatchObject({ id, title: 'Pets', isActive: true });
		expect((await run('getAll', { limit: 1 })).items[0].json).toMatchObject({ id, title: 'Pets' });

		const updated = await run('update', { policyId: byId(id), updateFields: { content: 'Pets are welcome.', isActive: false } });
		expect(updated.items[0].json).toMatchObject({ id, title: 'Pets', content: 'Pets are welcome.', isActive: false });
		expect((await run('delete', { policyId: byId(id) })).items[0].json).toEqual({ deleted: true, id });
		expect(policies().list().map((policy) => policy.id)).not.toContain(id);
		expect((await run('delete', { policyId: byId(id) })).error?.message).toBe(`Policy ${id} not found`);
	});

	test('a title outside 2–255 characters is refused before anything is sent, naming the field', async () => {
		expect((await run('create', { title: 'A', content: 'Too short a title' })).error?.message).toBe(
			'Invalid Title in item 0: "A" is shorter than 2 characters',
		);
		expect((await run('update', { policyId: byId(1), updateFields: { title: 'x'.repeat(256) } })).error?.message).toBe(
			'Invalid Update Fields › Title in item 0: it is 256 characters long (at most 255)',
		);
		expect(env.apiRequests()).toEqual([]);
	});
});
