import { runSophiieNode } from './harness/n8n';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Lead → Get', () => {
	test('returns the lead detail as one item, paired with its input', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[3];
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'get', leadId: { __rl: true, mode: 'id', value: lead.id } },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: lead.id, firstName: lead.firstName, email: lead.email });
		expect(items[0].json.defaultLeadAddress).toBeDefined();
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});
