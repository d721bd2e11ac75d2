import { runSophiieNode } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Lead → Delete', () => {
	test('deletes each input item’s lead and says so; Get then fails with not found', async () => {
		const leads = env.sandbox.store.listLeads('org_acme').slice(20, 23);
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			items: leads.map((lead) => ({ id: lead.id })),
			parameters: leadParameters('delete', '={{ $json.id }}'),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(leads.map((lead) => ({ deleted: true, id: lead.id })));
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(env.apiRequests().map(({ method, path }) => `${method} ${path}`)).toEqual(
			leads.map((lead) => `DELETE /v1/leads/${lead.id}`),
		);
		for (const lead of leads) {
			expect(env.sandbox.store.listActivities(lead.id)[0].event).toBe('LEAD_DELETED');
		}

		const { error: getError } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', leads[0].id),
		});
		expect(getError?.message).toBe(`Lead ${leads[0].id} not found`);
	});

	test('deleting a lead twice fails the second time with not found', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		const first = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('delete', lead.id) });
		expect(first.items[0].json).toEqual({ deleted: true, id: lead.id });
		const second = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('delete', lead.id) });
		expect(second.error?.message).toBe(`Lead ${lead.id} not found`);
	});
});
