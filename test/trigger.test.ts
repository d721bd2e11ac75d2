/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { setTimeout as wait } from 'node:timers/promises';

import type { IDataObject } from 'n8n-workflow';

import { until } from '../scripts/harness/until';
import { useSandbox } from './harness/sandbox';
import { ResponseRecorder, TriggerHarness } from './harness/trigger';

const env = useSandbox();

const OWNER = 'usr_acme1';

function harness(parameters: IDataObject = {}) {
	return new TriggerHarness(env.credentials, { events: ['LEAD_CREATED', 'LEAD_UPDATED'], userId: OWNER, ...parameters });
}

interface Stored {
	webhookUrl: string;
	events: string[];
	orgId: string;
	userId: string;
	secretHash: string;
	hooks: Array<{ event: string; hookId: number }>;
}

const PRODUCTION_ROUTE = 'webhook/5f0c7a52-3d0c-4d2f-9d2c-6a0f3b1d9e11/webhook';
const TEST_ROUTE = 'webhook-test/5f0c7a52-3d0c-4d2f-9d2c-6a0f3b1d9e11/webhook';

const stored = (trigger: TriggerHarness, isTest = false) =>
	(trigger.staticData.subscriptions as Record<string, Stored> | undefined)?.[isTest ? TEST_ROUTE : PRODUCTION_ROUTE];

/** The secret Sophiie holds in its hook URLs for this webhook URL: n8n keeps only its hash. */
function secretOnSophiie(url: string): string {
	const hook = env.sandbox.webhooks.list().find((candidate) => candidate.hookUrl.startsWith(`${url}?`));
	if (!hook) throw new Error(`No hook on Sophiie for ${url}`);
	return new URL(hook.hookUrl).searchParams.get('secret')!;
}

const hookEvents = () => env.sandbox.webhooks.list().map((hook) => hook.trigger).sort();

describe('Sophiie Trigger: subscription lifecycle', () => {
	test('activation subscribes one hook per event and stores only the secret’s hash', async () => {
		const trigger = harness();
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		await trigger.activate();

		const subscriptions = env.sandbox.webhooks.list();
		expect(subscriptions.map(({ trigger: event, orgId, userId }) => ({ event, orgId, userId }))).toEqual([
			{ event: 'LEAD_CREATED', orgId: 'org_acme', userId: OWNER },
			{ event: 'LEAD_UPDATED', orgId: 'org_acme', userId: OWNER },
		]);
		const subscription = stored(trigger)!;
		const secret = secretOnSophiie(trigger.webhookUrl());
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(subscription.secretHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(trigger.staticData)).not.toContain(secret);
		expect(subscription.hooks).toEqual(subscriptions.map((hook) => ({ event: hook.trigger, hookId: hook.id })));
		for (const hook of subscriptions) {
			const url = new URL(hook.hookUrl);
			expect(`${url.origin}${url.pathname}`).toBe(trigger.webhookUrl());
			expect(url.searchParams.get('secret')).toBe(secret);
			expect(url.searchParams.get('event')).toBe(hook.trigger);
		}
		expect(env.webhooksRequests().map(({ method, path, query }) => ({ method, path, query }))).toEqual(
			['LEAD_CREATED', 'LEAD_UPDATED'].map(() => ({
				method: 'POST',
				path: '/api/webhooks/zapier/subscribe',
				query: { org_id: 'org_acme', user_id: OWNER },
			})),
		);

		// Activating again (after a deactivation n8n may not have saved) starts afresh.
		await trigger.activate();
		expect(hookEvents()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
		expect(stored(trigger)!.secretHash).not.toBe(subscription.secretHash);
	});

	test('checkExists trusts the stored hooks only when n8n restarts, for exactly the URL, events and member', async () => {
		const trigger = harness();
		await trigger.activate();
		for (const activation of ['activate', 'update', 'manual'] as const) {
			expect(await trigger.lifecycle('checkExists', false, activation)).toBe(false);
		}
		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(true);
		expect(await trigger.lifecycle('checkExists', false, 'leadershipChange')).toBe(true);

		trigger.setParameters({ events: ['LEAD_UPDATED', 'LEAD_CREATED'], userId: OWNER });
		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(true);
		trigger.setParameters({ events: ['LEAD_CREATED'], userId: OWNER });
		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(false);
		trigger.setParameters({ events: ['LEAD_CREATED', 'LEAD_UPDATED'], userId: 'usr_acme2' });
		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(false);
		trigger.setParameters({ events: ['LEAD_CREATED', 'LEAD_UPDATED'], customEvents: 'LEAD_ASSIGNED', userId: OWNER });
		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(false);
		trigger.setParameters({ events: ['LEAD_CREATED', 'LEAD_UPDATED'], userId: OWNER });
		trigger.setBaseUrl('http://n8n.example.com/');
		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(false);
	});

	test('a restart keeps the subscription: no request, the same secret', async () => {
		const trigger = harness();
		await trigger.activate();
		const secret = secretOnSophiie(trigger.webhookUrl());
		env.sandbox.clearRequests();
		await trigger.restart();
		expect(env.allRequests()).toEqual([]);
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret }), envelope());
		expect(delivery.status).toBe(200);
	});

	test('deactivation leaves no subscription and clears static data', async () => {
		const trigger = harness({ customEvents: 'INQUIRY_CREATED, APPOINTMENT_CREATED' });
		await trigger.activate();
		const hookIds = env.sandbox.webhooks.list().map((hook) => hook.id);
		expect(hookIds).toHaveLength(4);

		expect(await trigger.deactivate()).toBe(true);
		expect(env.sandbox.webhooks.list()).toEqual([]);
		// All that is left: the secret's hash, accepted for retries of deliveries under way should the workflow
		// be re-activated, and the number of the secret the next activation subscribes with.
		expect(trigger.staticData).toEqual({
			retiredSecrets: [expect.objectContaining({ route: PRODUCTION_ROUTE, webhookUrl: trigger.webhookUrl() })],
			nextSecretNumbers: { [PRODUCTION_ROUTE]: 3 },
		});
		const unsubscribes = env.webhooksRequests().filter((request) => request.method === 'DELETE');
		expect(unsubscribes.map(({ body, query }) => ({ body, query }))).toEqual(
			hookIds.map((hookId) => ({ body: { hookId }, query: { org_id: 'org_acme', user_id: OWNER } })),
		);

		env.sandbox.clearRequests();
		expect(await trigger.deactivate()).toBe(true);
		expect(env.allRequests()).toEqual([]);
	});

	test('a hook Sophiie says it no longer has (404 in its envelope) counts as removed', async () => {
		const trigger = harness();
		await trigger.activate();
		const [first] = env.sandbox.webhooks.list();
		env.sandbox.webhooks.unsubscribe('org_acme', { hookId: first.id });

		expect(await trigger.deactivate()).toBe(true);
		expect(env.sandbox.webhooks.list()).toEqual([]);
		expect(stored(trigger)).toBeUndefined();
		expect(trigger.staticData.leftovers).toBeUndefined();
		expect(env.webhooksRequests().filter((request) => request.method === 'DELETE').map((request) => request.status)).toEqual([
			404, 200,
		]);
	});

	test('a 404 that is not Sophiie’s (a wrong webhooks base URL) is not taken as removed: the hook is kept for next time', async () => {
		const trigger = harness();
		await trigger.activate();
		const [first, second] = env.sandbox.webhooks.list();
		env.sandbox.addFault({ method: 'DELETE', path: '/unsubscribe', status: 404, body: '<html>Not Found</html>', contentType: 'text/html', times: 1 });

		expect(await trigger.deactivate()).toBe(true);
		expect(env.sandbox.webhooks.list().map((hook) => hook.id)).toEqual([first.id]);
		expect(stored(trigger)).toBeUndefined();
		expect(trigger.staticData.leftovers).toEqual([{ orgId: 'org_acme', userId: OWNER, hooks: [{ event: 'LEAD_CREATED', hookId: first.id }] }]);

		await trigger.activate();
		expect(hookEvents()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
		expect(env.sandbox.webhooks.list().map((hook) => hook.id)).not.toContain(first.id);
		expect(env.sandbox.webhooks.list().map((hook) => hook.id)).not.toContain(second.id);
		expect(trigger.staticData.leftovers).toBeUndefined();
	});

	test('an unsubscribe that fails does not fail the deactivation: the hook is saved as a leftover and removed at the next activation', async () => {
		const trigger = harness();
		await trigger.activate();
		env.sandbox.addFault({ method: 'DELETE', path: '/unsubscribe', status: 500, times: 1 });

		expect(await trigger.deactivate()).toBe(true);
		expect(stored(trigger)).toBeUndefined();
		expect((trigger.staticData.leftovers as Array<{ hooks: Stored['hooks'] }>)[0].hooks.map((hook) => hook.event)).toEqual(['LEAD_CREATED']);
		expect(hookEvents()).toEqual(['LEAD_CREATED']);

		await trigger.activate();
		expect(hookEvents()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
		expect(stored(trigger)!.hooks).toHaveLength(2);
		await trigger.deactivate();
		expect(env.sandbox.webhooks.list()).toEqual([]);
	});

	test('a record listing hooks already removed (a deactivation n8n did not save) is not trusted at activation', async () => {
		const trigger = harness();
		await trigger.activate();
		// The deactivation removed one hook, then n8n discarded its static data.
		const [first] = env.sandbox.webhooks.list();
		env.sandbox.webhooks.unsubscribe('org_acme', { hookId: first.id });
		expect(stored(trigger)!.hooks).toHaveLength(2);

		await trigger.activate();
		expect(hookEvents()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
		expect(stored(trigger)!.hooks.map((hook) => hook.hookId)).toEqual(env.sandbox.webhooks.list().map((hook) => hook.id));
	});

	test('a failing second subscribe removes the first and fails the activation; nothing is stored but the move to the next secret', async () => {
		const trigger = harness();
		env.sandbox.addFault({ method: 'POST', path: '/subscribe', status: 500, after: 1, times: 1 });
		await expect(trigger.activate()).rejects.toThrow(
			'Could not subscribe to Sophiie event LEAD_UPDATED: Sophiie server error (HTTP 500): "Oops! Something went wrong"',
		);
		expect(env.sandbox.webhooks.list()).toEqual([]);
		expect(trigger.staticData).toEqual({ nextSecretNumbers: { [PRODUCTION_ROUTE]: 2 } });
	});

	test('a hook that cannot be taken back after a failed activation is named in the error, and its deliveries are refused', async () => {
		const trigger = harness();
		env.sandbox.addFault({ method: 'POST', path: '/subscribe', status: 500, after: 1, times: 1 });
		env.sandbox.addFault({ method: 'DELETE', path: '/unsubscribe', status: 500, times: 1 });
		const activation = trigger.activate();
		await expect(activation).rejects.toThrow('Could not subscribe to Sophiie event LEAD_UPDATED');
		const [orphan] = env.sandbox.webhooks.list();
		const error = (await activation.catch((thrown: Error & { description?: string }) => thrown)) as Error & { description: string };
		expect(error.description).toMatch(new RegExp(`unsubscribe hook ${orphan.id} in Sophiie\\.$`));
		expect(error.description).toContain('n8n refuses their deliveries');
		expect(trigger.staticData).toEqual({ nextSecretNumbers: { [PRODUCTION_ROUTE]: 2 } });

		const orphanSecret = new URL(orphan.hookUrl).searchParams.get('secret')!;
		expect((await trigger.handle(deliveryUrl(trigger, { secret: orphanSecret }), envelope())).status).toBe(401);
		// Nor once the workflow is active again: that activation subscribes with another secret.
		await trigger.activate();
		const renewed = env.sandbox.webhooks.list().filter((hook) => hook.id !== orphan.id);
		expect(renewed.map((hook) => new URL(hook.hookUrl).searchParams.get('secret'))).not.toContain(orphanSecret);
		expect((await trigger.handle(deliveryUrl(trigger, { secret: orphanSecret }), envelope())).status).toBe(401);
		await trigger.deactivate();
	});

	test('"Listen for test event" subscribes the test URL beside the production one and removes only its own', async () => {
		const trigger = harness();
		await trigger.activate();
		await trigger.activate(true);
		expect(env.sandbox.webhooks.list()).toHaveLength(4);
		expect(stored(trigger, true)!.secretHash).not.toBe(stored(trigger)!.secretHash);

		await trigger.deactivate(true);
		const left = env.sandbox.webhooks.list();
		expect(left).toHaveLength(2);
		expect(left.every((hook) => hook.hookUrl.startsWith(trigger.webhookUrl()))).toBe(true);
		expect(stored(trigger)).toBeDefined();
	});

	test('after n8n’s public address changes, the hooks of the old URL are removed and its secret is refused', async () => {
		const trigger = harness();
		await trigger.activate();
		const oldUrl = trigger.webhookUrl();
		const oldSecret = secretOnSophiie(oldUrl);

		trigger.setBaseUrl('http://n8n.example.com/');
		await trigger.restart();
		expect(env.sandbox.webhooks.list().every((hook) => hook.hookUrl.startsWith('http://n8n.example.com/webhook/'))).toBe(true);
		expect(hookEvents()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
		expect(Object.keys(trigger.staticData.subscriptions as object)).toEqual([PRODUCTION_ROUTE]);

		// The old URL still reaches this n8n: its deliveries start nothing.
		const old = await trigger.handle(new URL(`${oldUrl}?secret=${oldSecret}&event=LEAD_CREATED`), envelope());
		expect(old.status).toBe(401);
		const current = await trigger.handle(deliveryUrl(trigger, { secret: secretOnSophiie(trigger.webhookUrl()) }), envelope());
		expect(current.status).toBe(200);
	});

	test('a subscription stored by an earlier version (by URL, with its secret) still works and is removed', async () => {
		const trigger = harness();
		await trigger.activate();
		const secret = secretOnSophiie(trigger.webhookUrl());
		const legacy: IDataObject = { ...stored(trigger)!, secret };
		delete legacy.secretHash;
		trigger.replaceStaticData({ subscriptions: { [trigger.webhookUrl()]: legacy } });

		expect(await trigger.lifecycle('checkExists', false, 'init')).toBe(true);
		expect((await trigger.handle(deliveryUrl(trigger, { secret }), envelope())).status).toBe(200);
		await trigger.deactivate();
		expect(env.sandbox.webhooks.list()).toEqual([]);
		expect(Object.keys(trigger.staticData)).toEqual(['retiredSecrets', 'nextSecretNumbers']);
	});

	test('no event chosen, or a malformed custom name, fails before any request', async () => {
		await expect(harness({ events: [] }).activate()).rejects.toThrow('Choose at least one event to listen for');
		await expect(harness({ customEvents: 'lead created' }).activate()).rejects.toThrow(
			'Invalid Custom Event Names: "lead created" is not an event name',
		);
		expect(env.allRequests()).toEqual([]);
	});
});

function deliveryUrl(trigger: TriggerHarness, query: Record<string, string>) {
	const url = new URL(trigger.webhookUrl());
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	return url;
}

function envelope(id = 'evt_1', data: IDataObject = { id: 'ld_new' }) {
	return { id, event: 'LEAD_CREATED', createdAt: '2026-11-22T00:00:00.000Z', data };
}

describe('Sophiie Trigger: deliveries', () => {
	async function activated(parameters: IDataObject = {}) {
		const trigger = harness(parameters);
		await trigger.activate();
		return { trigger, secret: secretOnSophiie(trigger.webhookUrl()) };
	}

	test('a delivery with the secret starts the workflow with one item: the payload, event on top; static data is not written', async () => {
		const { trigger, secret } = await activated();
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret, event: 'LEAD_CREATED' }), envelope());
		expect(delivery.status).toBe(200);
		expect(delivery.response).toEqual({ received: true, started: true });
		expect(delivery.items?.map((item) => item.json)).toEqual([envelope()]);
		expect(trigger.staticDataWrites).toBe(0);
	});

	test('the event comes from the hook URL when the body does not name it', async () => {
		const { trigger, secret } = await activated();
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret, event: 'LEAD_UPDATED' }), { id: 'ld_1', firstName: 'Al' });
		expect(delivery.items?.[0].json).toEqual({ id: 'ld_1', firstName: 'Al', event: 'LEAD_UPDATED' });
	});

	test.each([
		['a wrong secret', { secret: 'f'.repeat(64) }],
		['a secret one character short', {}],
		['no secret', {}],
		['an empty secret', { secret: '' }],
	])('%s is refused with 401 and starts nothing', async (name, query: Record<string, string>) => {
		const { trigger, secret } = await activated();
		const given = name === 'a secret one character short' ? { secret: secret.slice(0, -1) } : query;
		const delivery = await trigger.handle(deliveryUrl(trigger, given), envelope());
		expect(delivery).toEqual({ status: 401, response: { message: 'Unauthorized' } });
		expect(JSON.stringify(delivery)).not.toContain(secret);
	});

	test('a body that is not a JSON object is refused with 400', async () => {
		const { trigger, secret } = await activated();
		for (const body of [[envelope()], 'LEAD_CREATED', 42, null]) {
			const delivery = await trigger.handle(deliveryUrl(trigger, { secret }), body);
			expect(delivery).toEqual({ status: 400, response: { message: 'Expected a JSON object' } });
		}
	});

	test('an event that was not chosen is acknowledged but starts nothing', async () => {
		const { trigger, secret } = await activated({ events: ['LEAD_CREATED'] });
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret }), { ...envelope(), event: 'LEAD_DELETED' });
		expect(delivery).toEqual({ status: 200, response: { received: true, started: false } });
	});

	test('a delivery to the editor’s test URL is checked against the test subscription, and the production one against its own', async () => {
		const { trigger, secret } = await activated();
		await trigger.activate(true);
		const testSecret = secretOnSophiie(trigger.webhookUrl(true));
		const toTest = (given: string) => {
			const url = new URL(trigger.webhookUrl(true));
			url.searchParams.set('secret', given);
			return url;
		};
		expect((await trigger.handle(toTest(testSecret), envelope('evt_test'))).items).toHaveLength(1);
		expect((await trigger.handle(toTest(secret), envelope('evt_test_2'))).status).toBe(401);
		expect((await trigger.handle(deliveryUrl(trigger, { secret: testSecret }), envelope('evt_prod'))).status).toBe(401);
		// The same event at both URLs runs in both: a test run is not a repeat of a production one.
		expect((await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_test'))).items).toHaveLength(1);
	});

	test('after deactivation the old secret no longer starts anything: n8n routes the URL no more, and an hour later the secret is refused', async () => {
		const trigger = harness();
		await trigger.listen();
		try {
			await trigger.activate();
			const secret = secretOnSophiie(trigger.webhookUrl());
			await trigger.deactivate();
			const answer = await fetch(deliveryUrl(trigger, { secret }), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(envelope()) });
			expect(answer.status).toBe(404);
			// Accepted for an hour (retries under way should the workflow be activated again), then refused.
			expect((await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_within'))).items).toHaveLength(1);
			const data = trigger.staticData;
			trigger.replaceStaticData({ ...data, retiredSecrets: (data.retiredSecrets as IDataObject[]).map((entry) => ({ ...entry, until: Date.now() - 1 })) });
			expect((await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_later'))).status).toBe(401);
			expect(trigger.deliveries.flatMap((delivery) => delivery.items ?? [])).toEqual([]);
		} finally {
			await trigger.close();
		}
	});

	test('the same delivery three times starts the workflow once; with the option off, three times', async () => {
		const { trigger, secret } = await activated();
		const deliveries = [];
		for (let attempt = 0; attempt < 3; attempt++) deliveries.push(await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_repeat')));
		expect(deliveries.map((delivery) => delivery.items?.length ?? 0)).toEqual([1, 0, 0]);
		expect(deliveries.slice(1).map((delivery) => delivery.response)).toEqual([
			{ received: true, started: false, repeated: true },
			{ received: true, started: false, repeated: true },
		]);
		// Another event, and the same event id at the test URL, are not repeats.
		expect((await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_other'))).items).toHaveLength(1);

		trigger.setParameters({ events: ['LEAD_CREATED', 'LEAD_UPDATED'], userId: OWNER, ignoreRepeatedDeliveries: false });
		const unfiltered = [];
		for (let attempt = 0; attempt < 3; attempt++) unfiltered.push(await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_unfiltered')));
		expect(unfiltered.map((delivery) => delivery.items?.length ?? 0)).toEqual([1, 1, 1]);
		expect(trigger.staticDataWrites).toBe(0);
	});

	test('a repeat that arrives while the first is still being started is asked to come back, then dropped once it started', async () => {
		const { trigger, secret } = await activated();
		trigger.executionStartMs = 200;
		const first = trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_slow'));
		await wait(50);
		const during = await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_slow'));
		expect(during).toEqual({ status: 503, response: { message: 'The same delivery is being started; send it again later' } });
		expect((await first).items).toHaveLength(1);
		const after = await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_slow'));
		expect(after.response).toEqual({ received: true, started: false, repeated: true });
	});

	test('a delivery whose sender hung up before the trigger ran (it waited in n8n past the timeout) still counts as started: its retry is a repeat, not a 503', async () => {
		const { trigger, secret } = await activated();
		const hungUp = new ResponseRecorder();
		hungUp.destroyed = true;
		const first = await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_late'), {}, hungUp);
		expect(first.items).toHaveLength(1);
		const retry = await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_late'));
		expect(retry.response).toEqual({ received: true, started: false, repeated: true });
	});

	test('when n8n could not start the first, the retry starts it', async () => {
		const { trigger, secret } = await activated();
		trigger.failExecutionStart = true;
		const failed = await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_unlucky'));
		expect(failed.status).toBe(500);
		trigger.failExecutionStart = false;
		const retried = await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_unlucky'));
		expect(retried.items).toHaveLength(1);
	});

	test('a body without the envelope is a repeat only when it is the same body', async () => {
		const { trigger, secret } = await activated();
		const lead = { id: 'ld_1', firstName: 'Al', updatedAt: '2026-11-22T00:00:00.000Z' };
		const url = deliveryUrl(trigger, { secret, event: 'LEAD_UPDATED' });
		expect((await trigger.handle(url, lead)).items).toHaveLength(1);
		expect((await trigger.handle(url, lead)).items).toBeUndefined();
		expect((await trigger.handle(url, { ...lead, updatedAt: '2026-11-22T00:01:00.000Z' })).items).toHaveLength(1);
	});

	test('events from Sophiie reach the workflow once each, through a re-activation in the middle of a burst', async () => {
		const trigger = harness({ events: ['LEAD_CREATED'] });
		await trigger.listen();
		try {
			await trigger.activate();
			trigger.executionStartMs = 20;
			const burst = Array.from({ length: 40 }, () => env.sandbox.fireEvent('LEAD_CREATED') as IDataObject);
			// The workflow is saved while active: n8n runs delete, then activation.
			await trigger.deactivate();
			await trigger.activate();
			await env.sandbox.webhooks.settled();
			const after = env.sandbox.fireEvent('LEAD_CREATED') as IDataObject;
			await env.sandbox.webhooks.settled();

			const started = trigger.deliveries.flatMap((delivery) => delivery.items ?? []).map((item) => (item.json.data as IDataObject).id);
			expect([...started].sort()).toEqual([...burst, after].map((lead) => lead.id).sort());
			expect(env.sandbox.webhooks.deliveries.every((delivery) => delivery.delivered)).toBe(true);
			expect(trigger.staticDataWrites).toBe(0);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});

	test('deliveries that come while n8n is still saving an activation start the workflow: retries with the old secret, first sends with the new one', async () => {
		const trigger = harness({ events: ['LEAD_CREATED'] });
		await trigger.listen();
		try {
			await trigger.activate();
			const oldSecret = secretOnSophiie(trigger.webhookUrl());
			// Sophiie takes its time to answer the new subscribe (the hook exists at once): the
			// activation is not saved for longer than Sophiie's retries of a refused delivery last.
			env.sandbox.addFault({ method: 'POST', path: '/subscribe', processed: true, delayMs: 2500, times: 1 });
			env.sandbox.webhooks.setQueueDelay(100);
			const underWay = Array.from({ length: 5 }, () => env.sandbox.fireEvent('LEAD_CREATED') as IDataObject);
			await trigger.deactivate();
			const activating = trigger.activate();
			await until('the new hook', async () => (env.sandbox.webhooks.list().length === 1 ? true : undefined), 5000, 20);
			expect(secretOnSophiie(trigger.webhookUrl())).not.toBe(oldSecret);
			const meanwhile = Array.from({ length: 5 }, () => env.sandbox.fireEvent('LEAD_CREATED') as IDataObject);
			await env.sandbox.webhooks.settled();
			const settledAt = Date.now();
			await activating;
			const activatedAt = Date.now();

			// Every delivery was accepted before the activation was saved, none was refused.
			expect(settledAt).toBeLessThan(activatedAt - 500);
			const attempts = env.sandbox.webhooks.deliveries.flatMap((delivery) => delivery.attempts.map((attempt) => attempt.status));
			expect(attempts.filter((status) => status === 401)).toEqual([]);
			expect(env.sandbox.webhooks.deliveries.every((delivery) => delivery.delivered)).toBe(true);
			const started = trigger.deliveries.flatMap((delivery) => delivery.items ?? []).map((item) => (item.json.data as IDataObject).id);
			expect([...started].sort()).toEqual([...underWay, ...meanwhile].map((lead) => lead.id).sort());

			// Once saved, the new secret is the subscription's own; a made-up one is refused.
			const secret = secretOnSophiie(trigger.webhookUrl());
			expect((await trigger.handle(deliveryUrl(trigger, { secret }), envelope('evt_after'))).items).toHaveLength(1);
			expect((await trigger.handle(deliveryUrl(trigger, { secret: 'f'.repeat(64) }), envelope('evt_forged'))).status).toBe(401);
		} finally {
			env.sandbox.webhooks.setQueueDelay(0);
			await trigger.deactivate();
			await trigger.close();
		}
	});

	test('a lead created through the Sophiie API reaches the workflow as a real delivery', async () => {
		const trigger = harness({ events: ['LEAD_CREATED'] });
		await trigger.listen();
		try {
			await trigger.activate();
			const response = await fetch(`${env.sandbox.url}/v1/leads`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${env.sandbox.seed.organizations.acme.token}`,
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({ firstName: 'Priya', lastName: 'Shah', email: 'priya@example.com', suburb: 'Glenelg' }),
			});
			const { lead } = (await response.json()) as { lead: IDataObject };
			await env.sandbox.webhooks.settled();

			expect(trigger.deliveries).toHaveLength(1);
			const [item] = trigger.deliveries[0].items!;
			expect(item.json).toMatchObject({ event: 'LEAD_CREATED', data: lead });
			expect(item.json.id).toMatch(/^evt_/);
			expect(env.sandbox.webhooks.deliveries).toEqual([
				expect.objectContaining({ event: 'LEAD_CREATED', delivered: true, attempts: [expect.objectContaining({ status: 200 })] }),
			]);

			// An update is not subscribed: Sophiie sends nothing, nothing starts.
			await fetch(`${env.sandbox.url}/v1/leads/${String(lead.id)}`, {
				method: 'PUT',
				headers: {
					Authorization: `Bearer ${env.sandbox.seed.organizations.acme.token}`,
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({ suburb: 'Manly' }),
			});
			await env.sandbox.webhooks.settled();
			expect(trigger.deliveries).toHaveLength(1);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
		expect(env.sandbox.webhooks.list()).toEqual([]);
	});
});
