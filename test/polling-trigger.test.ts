/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import type { IDataObject } from 'n8n-workflow';

import { RETRY } from '../nodes/shared/transport/retry';
import { runSophiieNode } from '../scripts/harness/n8n-core';
import { leadParameters } from './harness/params';
import { PollerHarness } from './harness/poller';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const ACME = 'org_acme';

const poller = (parameters: IDataObject = { event: 'newLead' }) => new PollerHarness(env.credentials, parameters);
const newLeads = (count: number) =>
	Array.from({ length: count }, () => (env.sandbox.fireEvent('LEAD_CREATED', ACME) as IDataObject).id as string);
const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.id);
const listReads = () => env.apiRequests().filter((request) => request.path === '/v1/leads');

/** A lead as List Leads shows it. */
async function listedLeads() {
	const response = await fetch(`${env.sandbox.url}/v1/leads?page=1&limit=100`, {
		headers: { Authorization: `Bearer ${env.sandbox.seed.organizations.acme.token}` },
	});
	return ((await response.json()) as { leads: IDataObject[] }).leads;
}
let listedCache: IDataObject[] = [];
const listed = (id: string) => listedCache.find((lead) => lead.id === id);

/** A Get Lead through the action node: the shape the trigger must emit. */
async function getLead(id: string) {
	const { items } = await runSophiieNode({ credentials: env.credentials, parameters: leadParameters('get', id) });
	return items[0].json;
}

describe('Sophiie Polling Trigger: each new record once, oldest first', () => {
	test('the first poll after activation notes where the list stands and emits nothing', async () => {
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		expect(env.apiRequests().map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: '/v1/leads', query: { page: '1', limit: '100' } },
		]);
		expect(await trigger.poll()).toBeNull();
	});

	test('records created between polls start one run each, oldest first, in the shape of Get Lead', async () => {
		const trigger = poller();
		await trigger.poll();
		const created = newLeads(3);
		const items = await trigger.poll();
		expect(ids(items)).toEqual(created);
		expect(items![2]).toEqual(await getLead(created[2]));
		expect(await trigger.poll()).toBeNull();
		const more = newLeads(1);
		expect(ids(await trigger.poll())).toEqual(more);
	});

	test('more than a page between polls: reads page after page to the cursor, each record once', async () => {
		const trigger = poller();
		await trigger.poll();
		const created = newLeads(230);
		env.sandbox.clearRequests();
		const items = await trigger.poll();
		expect(ids(items)).toEqual(created);
		expect(listReads().map((request) => request.query.page)).toEqual(['1', '2', '3']);
		expect(await trigger.poll()).toBeNull();
	});

	test('records created in the same millisecond are neither lost nor repeated', async () => {
		const trigger = poller();
		await trigger.poll();
		env.sandbox.freezeClock(true);
		const first = newLeads(2);
		expect(ids(await trigger.poll())).toEqual([...first].sort());
		const second = newLeads(2);
		const instants = new Set([...first, ...second].map((id) => env.sandbox.store.findLead(ACME, id)!.createdAt));
		expect(instants.size).toBe(1);
		expect(ids(await trigger.poll())).toEqual([...second].sort());
		env.sandbox.freezeClock(false);
		expect(await trigger.poll()).toBeNull();
	});

	test('an n8n restart between polls neither repeats nor misses a record', async () => {
		const trigger = poller();
		await trigger.poll();
		trigger.restart();
		const before = newLeads(2);
		expect(ids(await trigger.poll())).toEqual(before);
		trigger.restart();
		expect(await trigger.poll()).toBeNull();
		const after = newLeads(1);
		trigger.restart();
		expect(ids(await trigger.poll())).toEqual(after);
	});

	test.each([
		['a 429 on every attempt', { status: 429, headers: { 'Retry-After': '0' }, times: RETRY.maxRateLimited }],
		['a 500', { status: 500, times: 1 }],
	])('a Get that fails (%s) does not hold the trigger: that record comes as listed, the others as Get gives them', async (_name, fault) => {
		const trigger = poller();
		await trigger.poll();
		const created = newLeads(3);
		env.sandbox.addFault({ method: 'GET', path: `^/v1/leads/${created[1]}$`, ...fault });
		listedCache = await listedLeads();
		const items = await trigger.poll();
		expect(ids(items)).toEqual(created);
		expect(items![1]).toEqual(listed(created[1]));
		expect(items![0]).toEqual(await getLead(created[0]));
		expect(await trigger.poll()).toBeNull();
	});

	test('a page that fails mid-read is read again by the next poll; nothing is lost', async () => {
		const trigger = poller();
		await trigger.poll();
		const created = newLeads(150);
		env.sandbox.addFault({ method: 'GET', path: '^/v1/leads\\?page=2&', status: 500, times: 1 });
		await expect(trigger.poll()).rejects.toThrow('Sophiie server error (HTTP 500)');
		expect(ids(await trigger.poll())).toEqual(created);
	});

	test('a record deleted while a poll reads its pages moves the rest back; the poll reads again and misses nothing', async () => {
		const trigger = poller();
		await trigger.poll();
		const created = newLeads(101);
		const newest = env.sandbox.store.findLead(ACME, created[100])!;
		env.sandbox.clearRequests();
		// Every answer waits 50 ms; the newest lead is deleted as soon as page 1 has been answered,
		// while page 2 waits, so the oldest new lead moves from page 2 to page 1 between the reads.
		env.sandbox.setLatency(50);
		const watcher = setInterval(() => {
			if (listReads().some((request) => request.query.page === '1' && request.status === 200)) {
				clearInterval(watcher);
				env.sandbox.store.deleteLead(ACME, newest, 'usr_acme1');
			}
		}, 2);
		try {
			expect(ids(await trigger.poll())).toEqual(created);
		} finally {
			clearInterval(watcher);
		}
		expect(listReads().map((request) => request.query.page)).toEqual(['1', '2', '1', '2']);
	});

	test('Fetch Test Event returns the newest record in the Get shape and leaves the cursor alone', async () => {
		const trigger = poller();
		const newest = env.sandbox.store.listLeads(ACME)[0];
		expect(await trigger.poll('manual')).toEqual([await getLead(newest.id)]);
		expect(trigger.staticData.cursor).toBeUndefined();
		expect(await trigger.poll()).toBeNull();
		const created = newLeads(1);
		expect(await trigger.poll('manual')).toEqual([await getLead(created[0])]);
		expect(ids(await trigger.poll())).toEqual(created);
	});

	test('New Inquiry honours the Source; changing the event or the Source starts afresh', async () => {
		const trigger = poller({ event: 'newInquiry', source: 'EMAIL' });
		await trigger.poll();
		env.sandbox.fireEvent('INQUIRY_CREATED', ACME);
		expect(await trigger.poll()).toBeNull();
		trigger.setParameters({ event: 'newInquiry', source: '' });
		expect(await trigger.poll()).toBeNull();
		env.sandbox.fireEvent('INQUIRY_CREATED', ACME);
		const [inquiry] = (await trigger.poll())!;
		expect(inquiry).toMatchObject({ source: 'CALL', data: expect.objectContaining({ summary: expect.any(String) }) });
		expect(env.apiRequests().at(-1)?.path).toBe(`/v1/inquiries/${String(inquiry.id)}`);
	});

	test('New Appointment emits the appointment as List Appointments shows it', async () => {
		const trigger = poller({ event: 'newAppointment' });
		await trigger.poll();
		env.sandbox.fireEvent('APPOINTMENT_CREATED', ACME);
		const items = await trigger.poll();
		expect(items).toEqual([env.sandbox.store.records.get(ACME)!.appointments[0]]);
	});
});

describe('Sophiie Polling Trigger: late, out of order, unreadable, paused, overlapping', () => {
	const lead = (id: string) => env.sandbox.store.findLead(ACME, id)!;
	const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

	test('two polls at once (a slow one and the next on schedule): the second returns nothing, each record comes once', async () => {
		const trigger = poller();
		await trigger.poll();
		const created = newLeads(3);
		env.sandbox.setLatency(100);
		const [first, second] = await Promise.all([trigger.poll(), trigger.poll()]);
		expect(ids(first)).toEqual(created);
		expect(second).toBeNull();
		env.sandbox.setLatency(0);
		expect(await trigger.poll()).toBeNull();
	});

	test('a record listed after a newer one was emitted (written late, back-dated) is emitted once within the look-back window', async () => {
		const trigger = poller();
		await trigger.poll();
		const [first] = newLeads(1);
		expect(ids(await trigger.poll())).toEqual([first]);
		// Listed first, but created 10 minutes before the lead already emitted.
		const [late, tooLate] = newLeads(2);
		lead(late).createdAt = new Date(Date.parse(lead(first).createdAt) - 10 * 60_000).toISOString();
		lead(tooLate).createdAt = new Date(Date.parse(lead(first).createdAt) - 2 * 60 * 60_000).toISOString();
		expect(ids(await trigger.poll())).toEqual([late]);
		expect(await trigger.poll()).toBeNull();
	});

	test('a record without a readable createdAt is skipped, the trigger carries on', async () => {
		const trigger = poller();
		await trigger.poll();
		const [broken, fine] = newLeads(2);
		lead(broken).createdAt = 'not a date';
		expect(ids(await trigger.poll())).toEqual([fine]);
		expect(trigger.staticData.cursor).toMatchObject({ unreadable: [broken] });
		const [next] = newLeads(1);
		expect(ids(await trigger.poll())).toEqual([next]);
	});

	test('a createdAt in the future is emitted once and does not hide the records after it', async () => {
		const trigger = poller();
		await trigger.poll();
		const [future] = newLeads(1);
		lead(future).createdAt = '2030-01-01T00:00:00.000Z';
		expect(ids(await trigger.poll())).toEqual([future]);
		const [next] = newLeads(1);
		expect(ids(await trigger.poll())).toEqual([next]);
		expect(await trigger.poll()).toBeNull();
	});

	test('another credential or environment starts afresh: the first poll emits nothing', async () => {
		const trigger = poller();
		await trigger.poll();
		newLeads(2);
		trigger.setCredentials({ ...env.credentials, baseUrl: env.sandbox.url.replace('127.0.0.1', 'localhost') });
		expect(await trigger.poll()).toBeNull();
		const [next] = newLeads(1);
		expect(ids(await trigger.poll())).toEqual([next]);
	});

	test('after a pause, it catches up on records of the last 24 hours, and no further', async () => {
		const trigger = poller();
		await trigger.poll();
		const [recent, old] = newLeads(2);
		lead(recent).createdAt = minutesAgo(60);
		lead(old).createdAt = minutesAgo(30 * 60);
		// The cursor as a poll two days ago left it.
		const cursor = trigger.staticData.cursor as IDataObject;
		trigger.staticData.cursor = { ...cursor, sinceMs: Date.now() - 48 * 3_600_000, newestMs: Date.now() - 48 * 3_600_000, seen: {} };
		expect(ids(await trigger.poll())).toEqual([recent]);
	});

	test('a cursor stored by an earlier version is carried on, not restarted', async () => {
		const trigger = poller();
		await trigger.poll();
		const newest = env.sandbox.store.listLeads(ACME)[0];
		trigger.staticData.cursor = { list: 'newLead:{}', newestMs: Date.parse(newest.createdAt), idsAtNewest: [newest.id] };
		const created = newLeads(2);
		expect(ids(await trigger.poll())).toEqual(created);
	});

	test('deactivating and activating again continues from the saved cursor', async () => {
		const trigger = poller();
		await trigger.poll();
		const [emitted] = newLeads(1);
		expect(ids(await trigger.poll())).toEqual([emitted]);
		trigger.restart();
		const whileOff = newLeads(2);
		expect(ids(await trigger.poll())).toEqual(whileOff);
	});
});
