import { useSandbox } from './harness/sandbox';

/** Organization › Get, Get Members, Get Products and Get Services, through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

const records = () => env.sandbox.store.records.get('org_acme')!;

describe('Organization', () => {
	test('Organization → Get, Get Members', async () => {
		const organization = await run('organization', 'get');
		expect(organization.items.map((item) => item.json)).toEqual([env.sandbox.store.organizations.get('org_acme')]);
		const orgMembers = await run('organization', 'getMembers', { limit: 2 });
		expect(orgMembers.items.map((item) => item.json)).toEqual(records().organizationMembers.slice(0, 2));
	});

	test('Organization → Get Products / Get Services: one item each, with its category', async () => {
		const products = await run('organization', 'getProducts');
		expect(products.items.map((item) => item.json)).toEqual(
			records().products.categories.flatMap(({ id, name, type, products: entries }) =>
				entries.map((entry) => ({ ...entry, category: { id, name, type } })),
			),
		);
		const services = await run('organization', 'getServices');
		expect(services.items.map((item) => item.json.name)).toEqual(['Blocked drain', 'Leak detection']);
		expect(services.items[0].json.category).toEqual({ id: 3, name: 'Plumbing', type: 'SERVICE' });
	});
});

describe('Organization → Get Availability', () => {
	test('passes Sophiie’s business hours on as they come, in one item', async () => {
		const { items, error } = await run('organization', 'getAvailability');
		expect(error).toBeUndefined();
		expect(env.apiRequests()[0]).toMatchObject({ method: 'GET', path: '/v1/organization/availability' });
		expect(items.map((item) => item.json)).toEqual([JSON.parse(JSON.stringify(records().availability))]);
	});
});
