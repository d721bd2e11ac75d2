import { runSophiieNode } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Lead → Get', () => {
	test('returns the lead detail as one item, paired with its input, from one authenticated request', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[3];
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', lead.id),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: lead.id,
			firstName: lead.firstName,
			email: lead.email,
			defaultLeadAddress: { address: { suburb: lead.suburb } },
			lastInquiry: { id: lead.lastInquiryId },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(env.apiRequests().map(({ method, path, orgId }) => ({ method, path, orgId }))).toEqual([
			{ method: 'GET', path: `/v1/leads/${lead.id}`, orgId: 'org_acme' },
		]);
	});

	test('Simplify returns exactly the core fields', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[0];
		const { items } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', lead.id, { simplify: true }),
		});
		expect(items[0].json).toEqual({
			id: lead.id,
			firstName: lead.firstName,
			lastName: lead.lastName,
			email: lead.email,
			phone: lead.phone,
			suburb: lead.suburb,
			businessName: lead.businessName,
			status: 'active',
			createdAt: lead.createdAt,
		});
	});

	test('one output item per input item, each paired with its own input', async () => {
		const leads = env.sandbox.store.listLeads('org_acme').slice(10, 14);
		const { items } = await runSophiieNode({
			credentials: env.credentials,
			items: leads.map((lead) => ({ leadId: lead.id })),
			parameters: leadParameters('get', '={{ $json.leadId }}', { simplify: true }),
		});
		expect(items.map((item) => item.json.id)).toEqual(leads.map((lead) => lead.id));
		expect(items.map((item) => item.pairedItem)).toEqual(leads.map((_, item) => ({ item })));
	});

	test('a lead of another organization is "not found", as Sophiie scopes keys to their organization', async () => {
		const foreign = env.sandbox.store.listLeads('org_globex')[0];
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', foreign.id),
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe(`Lead ${foreign.id} not found`);
		expect(error?.description).toContain('Sophiie says "Not found" (HTTP 404)');
		expect(error?.httpCode).toBe('404');
	});
});
