import type { IHookFunctions } from 'n8n-workflow';

import { validateId } from '../shared/validation';
import { getConnection, sophiieApiRequest } from '../shared/transport';
import { subscribeAll, unsubscribeAll } from './hooks';
import type { StoredState } from './subscriptions';
import {
	hashSecret,
	nextSecretNumber,
	readStoredState,
	retire,
	routeOf,
	sameEvents,
	secretFor,
	selectedEvents,
	writeStoredState,
} from './subscriptions';

/**
 * The trigger's webhook lifecycle as n8n runs it. n8n keeps what these write
 * to static data only when they return: a throw makes it reload the stored
 * state (and run `delete` on it). So `delete` never throws (what it could not
 * remove is kept for next time, and logged), and `create` names in its error
 * any hook it could not take back.
 */

/**
 * Activations that follow no deactivation: n8n starting up, or another main
 * instance taking over. Only then are the stored hooks still what the last
 * activation made; any other activation comes after `delete` ran (or failed
 * part way, which n8n may not have saved), so it starts afresh.
 */
const CONTINUING_ACTIVATIONS = new Set(['init', 'leadershipChange']);

/**
 * True only when n8n restarts with this URL subscribed for exactly the current
 * events and member. It trusts what activation stored: Sophiie documents no
 * endpoint that lists hooks, so there is nothing to check them against; a hook
 * Sophiie lost shows as missing deliveries, and re-activating renews it.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (!CONTINUING_ACTIVATIONS.has(this.getActivationMode())) return false;
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	const subscription = readStoredState(this.getWorkflowStaticData('node')).subscriptions[routeOf(webhookUrl)];
	if (!subscription || subscription.webhookUrl !== webhookUrl) return false;
	const events = selectedEvents.call(this);
	return (
		sameEvents(subscription.events, events) &&
		subscription.userId === this.getNodeParameter('userId') &&
		sameEvents(subscription.hooks.map((hook) => hook.event), events)
	);
}

/**
 * Removes what this route has on Sophiie: its subscription (whatever URL it
 * was made for) and every leftover hook. Hooks that stay are kept as
 * leftovers and logged; a subscription removed whole from the same URL has
 * its secret retired (still accepted for a while, for retries under way).
 */
async function removeStale(this: IHookFunctions, state: StoredState, webhookUrl: string) {
	const route = routeOf(webhookUrl);
	const failures: string[] = [];
	for (const leftover of state.leftovers.splice(0)) {
		const { remaining, failures: failed } = await unsubscribeAll.call(this, leftover, leftover.hooks);
		failures.push(...failed);
		state.leftovers.push({ ...leftover, hooks: remaining });
	}
	const subscription = state.subscriptions[route];
	if (subscription) {
		delete state.subscriptions[route];
		const { remaining, failures: failed } = await unsubscribeAll.call(this, subscription, subscription.hooks);
		failures.push(...failed);
		if (remaining.length > 0) state.leftovers.push({ orgId: subscription.orgId, userId: subscription.userId, hooks: remaining });
		else if (subscription.webhookUrl === webhookUrl) retire(state, subscription);
	}
	if (failures.length > 0) {
		this.logger.warn(
			`Sophiie Trigger: could not remove ${failures.length} webhook subscription(s) from Sophiie: ${failures.join('; ')}. ` +
				'They are tried again at the next activation or deactivation; n8n refuses their deliveries meanwhile.',
			{ node: this.getNode().name, workflowId: this.getWorkflow().id },
		);
	}
}

/**
 * Subscribes one Sophiie hook per event, after removing what this route had
 * before; all or nothing. Its secret is the route's next numbered one (see
 * secretFor), which deliveries accept before this activation is saved.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	const route = routeOf(webhookUrl);
	const events = selectedEvents.call(this);
	const userId = validateId(this.getNode(), this.getNodeParameter('userId'), 0, 'Subscribe As');
	const staticData = this.getWorkflowStaticData('node');
	const state = readStoredState(staticData);

	await removeStale.call(this, state, webhookUrl);
	const organization = await sophiieApiRequest.call(this, 'GET', ['organization']);
	const owner = { orgId: String(organization.id), userId };
	const number = nextSecretNumber(state, route);
	const secret = secretFor((await getConnection(this)).token, this.getWorkflow().id ?? '', route, number);
	const hooks = await subscribeAll.call(this, owner, webhookUrl, secret, events);
	state.subscriptions[route] = { webhookUrl, events, ...owner, secretHash: hashSecret(secret), hooks };
	state.nextSecretNumbers[route] = number + 1;
	writeStoredState(staticData, state);
	return true;
}

/**
 * Removes every hook of this route; never throws (see removeStale). It also
 * moves the route on to its next secret: n8n runs this after a failed
 * activation too, on the state of before, so hooks that activation left on
 * Sophiie keep a secret no later activation accepts.
 */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const state = readStoredState(staticData);
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	await removeStale.call(this, state, webhookUrl);
	const route = routeOf(webhookUrl);
	state.nextSecretNumbers[route] = nextSecretNumber(state, route) + 1;
	writeStoredState(staticData, state);
	return true;
}
