import type { IDataObject } from 'n8n-workflow';

import { byId } from './harness/params';
import { useSandbox } from './harness/sandbox';

/** FAQ › Create, Create or Update, Get Many, Update, Delete, through n8n-core against the sandbox. */
const env = useSandbox();
const faqs = () => env.sandbox.store.records.get('org_acme')!.knowledge.faqs;
const run = (operation: string, parameters = {}, items?: IDataObject[]) => env.run('faq', operation, parameters, items);

describe('FAQ', () => {
	test('Create, Get Many, Update and Delete', async () => {
		const created = await run('create', { question: 'Do you clean gutters?', answer: 'No, only plumbing.', additionalFields: { isActive: false } });
		expect(env.apiRequests()[0]).toMatchObject({ method: 'POST', path: '/v1/faqs', body: { question: 'Do you clean gutters?', answer: 'No, only plumbing.', isActive: false } });
		const id = created.items[0].json.id as number;
		expect((await run('getAll', { returnAll: true })).items.map((item) => item.json.id)).toEqual(faqs().list().map((faq) => faq.id));
		expect((await run('update', { faqId: byId(id), updateFields: { isActive: true } })).items[0].json).toMatchObject({ id, isActive: true });
		expect((await run('delete', { faqId: byId(id) })).items[0].json).toEqual({ deleted: true, id });
		expect((await run('update', { faqId: byId(id), updateFields: { isActive: true } })).error?.message).toBe(`FAQ ${id} not found`);
	});

	test('a question over 255 characters is refused before anything is sent', async () => {
		expect((await run('create', { question: 'x'.repeat(256), answer: 'y' })).error?.message).toBe(
			'Invalid Question in item 0: it is 256 characters long (at most 255)',
		);
		expect(env.apiRequests()).toEqual([]);
	});

	test('Create or Update updates the FAQ with the same question (case, spaces and "?" aside) and creates the new ones', async () => {
		const before = faqs().list();
		const weekends = before.find((faq) => faq.question === 'Do you work weekends?')!;
		const rows = [
			{ question: '  do you WORK weekends ', answer: 'Saturdays only, 8am to 1pm.' },
			{ question: 'Do you do emergency call-outs?', answer: 'Yes, around the clock.' },
		];
		const { items, error } = await run('createOrUpdate', { question: '={{ $json.question }}', answer: '={{ $json.answer }}' }, rows);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.outcome, item.json.answer])).toEqual([
			['updated', 'Saturdays only, 8am to 1pm.'],
			['created', 'Yes, around the clock.'],
		]);
		expect(items[0].json.id).toBe(weekends.id);
		expect(faqs().list()).toHaveLength(before.length + 1);
		// Per item: one list read, then one write; a second run creates nothing more.
		expect(env.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v1/faqs', 'PUT /v1/faqs/' + weekends.id, 'GET /v1/faqs', 'POST /v1/faqs',
		]);
		const again = await run('createOrUpdate', { question: '={{ $json.question }}', answer: '={{ $json.answer }}' }, rows);
		expect(again.items.map((item) => item.json.outcome)).toEqual(['updated', 'updated']);
		expect(faqs().list()).toHaveLength(before.length + 1);
	});
});
