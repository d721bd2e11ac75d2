import { runListSearch, runLoadOptions } from '../scripts/harness/n8n-core';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Lead locator: "From list"', () => {
	test('lists leads a page at a time as "First Last · email" with the id as value', async () => {
		const leads = env.sandbox.store.listLeads('org_acme');
		const first = await runListSearch('searchLeads', env.credentials);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: `${leads[0].firstName} ${leads[0].lastName} · ${leads[0].email}`,
			value: leads[0].id,
		});
		expect(first.paginationToken).toBe('2');

		const seen = first.results.map((result) => result.value);
		let token = first.paginationToken;
		while (token) {
			const next = await runListSearch('searchLeads', env.credentials, undefined, String(token));
			seen.push(...next.results.map((result) => result.value));
			token = next.paginationToken;
		}
		expect(seen).toEqual(leads.map((lead) => lead.id));
		expect(env.apiRequests().map((request) => request.query)).toEqual([
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
			{ page: '3', limit: '100' },
		]);
	});

	test('search narrows the list by name, email, phone or business, across pages', async () => {
		const target = env.sandbox.store.listLeads('org_acme')[250];
		const byEmail = await runListSearch('searchLeads', env.credentials, target.email.toUpperCase());
		expect(byEmail.results).toEqual([{ name: `${target.firstName} ${target.lastName} · ${target.email}`, value: target.id }]);
		expect(byEmail.paginationToken).toBeUndefined();

		const byName = await runListSearch('searchLeads', env.credentials, `${target.firstName} ${target.lastName}`);
		expect(byName.results.map((result) => result.value)).toContain(target.id);
		expect(byName.results.every((result) => result.name.startsWith(`${target.firstName} ${target.lastName}`))).toBe(true);

		const none = await runListSearch('searchLeads', env.credentials, 'no lead has this text');
		expect(none).toEqual({ results: [] });
	});

	test('a rejected token surfaces Sophiie’s 401 message', async () => {
		await expect(
			runListSearch('searchLeads', { ...env.credentials, accessToken: 'sk_test_wrong' }),
		).rejects.toThrow('Sophiie rejected the access token: "Invalid or expired token" – check the Sophiie credential');
	});
});

describe('Sophiie Trigger: "Subscribe As" members', () => {
	test('lists the organization’s active members with role and email', async () => {
		env.sandbox.store.members.get('org_acme')![2].isDisabled = true;
		const options = await runLoadOptions('getMembers', env.credentials);
		const members = env.sandbox.store.members.get('org_acme')!;
		expect(options).toEqual(
			members.slice(0, 2).map((member) => ({
				name: `${member.firstName} ${member.lastName} (${member.role.toLowerCase()})`,
				value: member.id,
				description: member.email,
			})),
		);
	});
});
