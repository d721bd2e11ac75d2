import { runLoadOptions } from '../scripts/harness/n8n-core';
import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** SMS › Send, and its Sender dropdown, through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

const records = () => env.sandbox.store.records.get('org_acme')!;

describe('SMS → Send', () => {
	test('sends as the chosen member to the chosen lead; a new thread creates an inquiry', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[2];
		const inquiriesBefore = records().inquiries.length;
		const { items, error } = await run('sms', 'send', { userId: 'usr_acme2', leadId: byId(lead.id), message: 'Hi! Can we book you in for Tuesday?' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ message: 'Message sent successfully', leadId: lead.id, userId: 'usr_acme2' });
		expect(env.apiRequests()[0].body).toEqual({ userId: 'usr_acme2', leadId: lead.id, message: 'Hi! Can we book you in for Tuesday?' });
		expect(records().inquiries).toHaveLength(inquiriesBefore + 1);
		expect(records().inquiries[0]).toMatchObject({ source: 'SMS', leadId: lead.id });

		const threadId = records().sms[0].messageThreadId;
		const reply = await run('sms', 'send', { userId: 'usr_acme2', leadId: byId(lead.id), message: 'Following up', additionalFields: { messageThreadId: threadId } });
		expect(reply.items[0].json).toMatchObject({ messageThreadId: threadId });
		expect(records().inquiries).toHaveLength(inquiriesBefore + 1);
	});

	test('is not sent twice when Sophiie fails; bad input sends nothing', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[2];
		env.sandbox.addFault({ path: '^/v1/sms', status: 503, times: 1 });
		const failed = await run('sms', 'send', { userId: 'usr_acme1', leadId: byId(lead.id), message: 'Hello' });
		expect(failed.error?.message).toBe('Sophiie server error (HTTP 503): "Error"');
		expect(env.apiRequests()).toHaveLength(1);

		env.sandbox.clearRequests();
		const empty = await run('sms', 'send', { userId: 'usr_acme1', leadId: byId(lead.id), message: '  ' });
		expect(empty.error?.message).toBe('Invalid Message in item 0: it is empty');
		const badThread = await run('sms', 'send', { userId: 'usr_acme1', leadId: byId(lead.id), message: 'Hi', additionalFields: { messageThreadId: 1.5 } });
		expect(badThread.error?.message).toMatch(/^Invalid Additional Fields › Message Thread ID in item 0/);
		expect(env.apiRequests()).toEqual([]);
	});

	test('the Sender dropdown lists the organization’s members', async () => {
		const options = await runLoadOptions('getMembers', env.credentials, 'sophiie');
		expect(options.map((option) => option.value)).toEqual(['usr_acme1', 'usr_acme2', 'usr_acme3']);
	});
});
