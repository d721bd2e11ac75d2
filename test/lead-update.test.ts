import { runSophiieNode } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Lead → Update', () => {
	test('sends only the fields set, returns the updated lead unwrapped, and Get shows the change', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[5];
		const before = { ...lead, socials: { ...lead.socials } };
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('update', lead.id, {
				updateFields: { lastName: 'Okafor', email: 'new.address@example.com', instagram: '@okafor' },
			}),
		});
		expect(error).toBeUndefined();

		const [put] = env.apiRequests();
		expect(put).toMatchObject({ method: 'PUT', path: `/v1/leads/${lead.id}` });
		expect(put.body).toEqual({ lastName: 'Okafor', email: 'new.address@example.com', socials: { instagram: '@okafor' } });

		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: lead.id,
			firstName: before.firstName,
			lastName: 'Okafor',
			email: 'new.address@example.com',
			phone: before.phone,
			socials: { ...before.socials, instagram: '@okafor' },
		});
		expect(items[0].json.lead).toBeUndefined();

		const { items: fetched } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('get', lead.id),
		});
		expect(fetched[0].json).toMatchObject({ lastName: 'Okafor', email: 'new.address@example.com' });
	});

	test('every field of the collection reaches Sophiie', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[6];
		const updateFields = {
			firstName: 'Mei',
			lastName: 'Tanaka',
			email: 'mei@tanaka.example.com',
			phone: '+61498765432',
			suburb: 'Carlton',
			businessName: 'Tanaka Tiling',
			facebook: 'https://facebook.com/tanakatiling',
			instagram: '@tanakatiling',
		};
		const { items, error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('update', lead.id, { updateFields }),
		});
		expect(error).toBeUndefined();
		const { facebook, instagram, ...plain } = updateFields;
		expect(env.apiRequests()[0].body).toEqual({ ...plain, socials: { facebook, instagram } });
		expect(items[0].json).toMatchObject({ ...plain, socials: { facebook, instagram } });
	});

	test('an email another lead already uses is Sophiie’s 409 conflict', async () => {
		const [first, second] = env.sandbox.store.listLeads('org_acme');
		const { error } = await runSophiieNode({
			credentials: env.credentials,
			parameters: leadParameters('update', second.id, { updateFields: { email: first.email } }),
		});
		expect(error?.message).toBe('Sophiie reported a conflict: "Conflict" (HTTP 409)');
		expect(error?.description).toContain('Another lead may already use this email address or phone number');
		expect(env.sandbox.store.findLead('org_acme', second.id)?.email).toBe(second.email);
	});
});
