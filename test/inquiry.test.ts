import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** Inquiry › Get and Get Many, through n8n-core against the sandbox. */
const env = useSandbox();

const { run } = env;

const records = () => env.sandbox.store.records.get('org_acme')!;

describe('Inquiry', () => {
	test('Get returns the inquiry with its call data', async () => {
		const call = records().inquiries.find((inquiry) => inquiry.source === 'CALL')!;
		const { items } = await run('inquiry', 'get', { inquiryId: call.id });
		expect(items[0].json).toMatchObject({ id: call.id, source: 'CALL', data: { direction: 'LEAD_TO_AI', transcripts: expect.any(Array) } });
		const missing = await run('inquiry', 'get', { inquiryId: 'in_none' });
		expect(missing.error?.message).toBe('Inquiry in_none not found');
	});

	test('Get Many filters by lead and source and expands as asked', async () => {
		const lead = env.sandbox.store.listLeads('org_acme')[4];
		const byLead = await run('inquiry', 'getAll', { returnAll: true, filters: { leadId: byId(lead.id), expand: 'both' } });
		expect(byLead.items.map((item) => item.json.leadId)).toEqual([lead.id]);
		expect(byLead.items[0].json).toMatchObject({ externalInquiryId: expect.any(String), lead: { id: lead.id, email: lead.email } });
		expect(env.apiRequests().at(-1)?.query).toEqual({ leadId: lead.id, expand: 'both', page: '1', limit: '100' });

		const sms = await run('inquiry', 'getAll', { returnAll: true, filters: { source: 'SMS' } });
		expect(sms.items.length).toBe(records().inquiries.filter((inquiry) => inquiry.source === 'SMS').length);
		expect(sms.items.every((item) => item.json.source === 'SMS' && item.json.lead === undefined)).toBe(true);
	});
});
