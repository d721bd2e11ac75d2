import { useSandbox } from './harness/sandbox';

/** Member › Get Many, through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

describe('Member', () => {
	test('Member → Get Many', async () => {
		const members = await run('member', 'getAll', { returnAll: true });
		expect(members.items.map((item) => item.json)).toEqual(env.sandbox.store.members.get('org_acme'));
	});
});
