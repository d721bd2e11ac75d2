import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from './harness/sandbox';
import { TriggerHarness } from './harness/trigger';

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
	secret: string;
	hooks: Array<{ event: string; hookId: number }>;
}

const stored = (trigger: TriggerHarness, isTest = false) =>
	(trigger.staticData.subscriptions as Record<string, Stored> | undefined)?.[trigger.webhookUrl(isTest)];

describe('Sophiie Trigger: subscription lifecycle', () => {
	test('activation subscribes one hook per event on the webhooks host and keeps a fresh secret', async () => {
		const trigger = harness();
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		await trigger.activate();

		const subscriptions = env.sandbox.webhooks.list();
		expect(subscriptions.map(({ trigger: event, orgId, userId }) => ({ event, orgId, userId }))).toEqual([
			{ event: 'LEAD_CREATED', orgId: 'org_acme', userId: OWNER },
			{ event: 'LEAD_UPDATED', orgId: 'org_acme', userId: OWNER },
		]);
		const subscription = stored(trigger)!;
		expect(subscription.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(subscription.hooks).toEqual(subscriptions.map((hook) => ({ event: hook.trigger, hookId: hook.id })));
		for (const hook of subscriptions) {
			const url = new URL(hook.hookUrl);
			expect(`${url.origin}${url.pathname}`).toBe(trigger.webhookUrl());
			expect(url.searchParams.get('secret')).toBe(subscription.secret);
			expect(url.searchParams.get('event')).toBe(hook.trigger);
		}
		expect(env.webhooksRequests().map(({ method, path, query }) => ({ method, path, query }))).toEqual(
			['LEAD_CREATED', 'LEAD_UPDATED'].map(() => ({
				method: 'POST',
				path: '/api/webhooks/zapier/subscribe',
				query: { org_id: 'org_acme', user_id: OWNER },
			})),
		);

		const again = harness();
		await again.activate();
		expect(stored(again)!.secret).not.toBe(subscription.secret);
	});

	test('checkExists is true only for exactly the stored URL, events and member', async () => {
		const trigger = harness();
		await trigger.activate();
		expect(await trigger.lifecycle('checkExists')).toBe(true);

		trigger.setParameters({ events: ['LEAD_UPDATED', 'LEAD_CREATED'], userId: OWNER });
		expect(await trigger.lifecycle('checkExists')).toBe(true);
		trigger.setParameters({ events: ['LEAD_CREATED'], userId: OWNER });
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		trigger.setParameters({ events: ['LEAD_CREATED', 'LEAD_UPDATED'], userId: 'usr_acme2' });
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		trigger.setParameters({ events: ['LEAD_CREATED', 'LEAD_UPDATED'], customEvents: 'LEAD_ASSIGNED', userId: OWNER });
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		expect(await trigger.lifecycle('checkExists', true)).toBe(false);
	});

	test('deactivation leaves no subscription and clears static data', async () => {
		const trigger = harness({ customEvents: 'INQUIRY_CREATED, APPOINTMENT_CREATED' });
		await trigger.activate();
		const hookIds = env.sandbox.webhooks.list().map((hook) => hook.id);
		expect(hookIds).toHaveLength(4);

		expect(await trigger.lifecycle('delete')).toBe(true);
		expect(env.sandbox.webhooks.list()).toEqual([]);
		expect(stored(trigger)).toBeUndefined();
		const unsubscribes = env.webhooksRequests().filter((request) => request.method === 'DELETE');
		expect(unsubscribes.map(({ body, query }) => ({ body, query }))).toEqual(
			hookIds.map((hookId) => ({ body: { hookId }, query: { org_id: 'org_acme', user_id: OWNER } })),
		);

		env.sandbox.clearRequests();
		expect(await trigger.lifecycle('delete')).toBe(true);
		expect(env.allRequests()).toEqual([]);
	});

	test('a hook Sophiie already removed (404) counts as removed', async () => {
		const trigger = harness();
		await trigger.activate();
		const [first] = env.sandbox.webhooks.list();
		env.sandbox.webhooks.unsubscribe('org_acme', { hookId: first.id });

		expect(await trigger.lifecycle('delete')).toBe(true);
		expect(env.sandbox.webhooks.list()).toEqual([]);
		expect(env.webhooksRequests().filter((request) => request.method === 'DELETE').map((request) => request.status)).toEqual([
			404, 200,
		]);
	});

	test('a failing second subscribe removes the first and fails the activation', async () => {
		const trigger = harness();
		env.sandbox.addFault({ method: 'POST', path: '/subscribe', status: 500, after: 1, times: 1 });
		await expect(trigger.activate()).rejects.toThrow(
			'Could not subscribe to Sophiie event LEAD_UPDATED: Sophiie server error (HTTP 500): "Oops! Something went wrong"',
		);
		expect(env.sandbox.webhooks.list()).toEqual([]);
		expect(stored(trigger)).toBeUndefined();
	});

	test('an unsubscribe that fails is reported; the next activation still ends with one hook per event', async () => {
		const trigger = harness();
		await trigger.activate();
		env.sandbox.addFault({ method: 'DELETE', path: '/unsubscribe', status: 500, times: 1 });

		await expect(trigger.lifecycle('delete')).rejects.toThrow(/^Could not remove 1 of Sophiie's webhook subscriptions: LEAD_CREATED/);
		expect(stored(trigger)!.hooks.map((hook) => hook.event)).toEqual(['LEAD_CREATED']);
		expect(env.sandbox.webhooks.list().map((hook) => hook.trigger)).toEqual(['LEAD_CREATED']);

		await trigger.activate();
		expect(env.sandbox.webhooks.list().map((hook) => hook.trigger).sort()).toEqual(['LEAD_CREATED', 'LEAD_UPDATED']);
		await trigger.lifecycle('delete');
		expect(env.sandbox.webhooks.list()).toEqual([]);
	});

	test('"Listen for test event" subscribes the test URL beside the production one and removes only its own', async () => {
		const trigger = harness();
		await trigger.activate();
		await trigger.activate(true);
		expect(env.sandbox.webhooks.list()).toHaveLength(4);
		expect(stored(trigger, true)!.secret).not.toBe(stored(trigger)!.secret);

		await trigger.lifecycle('delete', true);
		const left = env.sandbox.webhooks.list();
		expect(left).toHaveLength(2);
		expect(left.every((hook) => hook.hookUrl.startsWith(trigger.webhookUrl()))).toBe(true);
	});

	test('no event chosen, or a malformed custom name, fails before any request', async () => {
		await expect(harness({ events: [] }).activate()).rejects.toThrow('Choose at least one event to listen for');
		await expect(harness({ customEvents: 'lead created' }).activate()).rejects.toThrow(
			'Invalid Custom Event Names: "lead created" is not an event name',
		);
		expect(env.allRequests()).toEqual([]);
	});
});

describe('Sophiie Trigger: deliveries', () => {
	async function activated(parameters: IDataObject = {}) {
		const trigger = harness(parameters);
		await trigger.activate();
		return { trigger, secret: stored(trigger)!.secret };
	}

	const deliveryUrl = (trigger: TriggerHarness, query: Record<string, string>) => {
		const url = new URL(trigger.webhookUrl());
		for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
		return url;
	};

	const envelope = { id: 'evt_1', event: 'LEAD_CREATED', createdAt: '2026-11-22T00:00:00.000Z', data: { id: 'ld_new' } };

	test('a delivery with the secret starts the workflow with one item: the payload, event on top', async () => {
		const { trigger, secret } = await activated();
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret, event: 'LEAD_CREATED' }), envelope);
		expect(delivery.status).toBe(200);
		expect(delivery.response).toEqual({ received: true, started: true });
		expect(delivery.items?.map((item) => item.json)).toEqual([envelope]);
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
		const delivery = await trigger.handle(deliveryUrl(trigger, given), envelope);
		expect(delivery).toEqual({ status: 401, response: { message: 'Unauthorized' } });
		expect(JSON.stringify(delivery)).not.toContain(secret);
	});

	test('a body that is not a JSON object is refused with 400', async () => {
		const { trigger, secret } = await activated();
		for (const body of [[envelope], 'LEAD_CREATED', 42, null]) {
			const delivery = await trigger.handle(deliveryUrl(trigger, { secret }), body);
			expect(delivery).toEqual({ status: 400, response: { message: 'Expected a JSON object' } });
		}
	});

	test('an event that was not chosen is acknowledged but starts nothing', async () => {
		const { trigger, secret } = await activated({ events: ['LEAD_CREATED'] });
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret }), { ...envelope, event: 'LEAD_DELETED' });
		expect(delivery).toEqual({ status: 200, response: { received: true, started: false } });
	});

	test('after deactivation the old secret no longer starts anything', async () => {
		const { trigger, secret } = await activated();
		await trigger.lifecycle('delete');
		const delivery = await trigger.handle(deliveryUrl(trigger, { secret }), envelope);
		expect(delivery.status).toBe(401);
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
			await trigger.lifecycle('delete');
			await trigger.close();
		}
		expect(env.sandbox.webhooks.list()).toEqual([]);
	});
});
