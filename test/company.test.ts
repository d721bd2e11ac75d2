import { useSandbox } from './harness/sandbox';

/** Company › List Notes, through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

const records = () => env.sandbox.store.records.get('org_acme')!;

describe('Company', () => {
	test('Company → List Notes; an unknown company is not found', async () => {
		const [companyId, notes] = [...records().companyNotes.entries()][0];
		const { items } = await run('company', 'listNotes', { companyId, returnAll: true });
		expect(items.map((item) => item.json)).toEqual(notes);
		const missing = await run('company', 'listNotes', { companyId: 'cmp_none', returnAll: true });
		expect(missing.error?.message).toBe('Company cmp_none not found');
	});
});
