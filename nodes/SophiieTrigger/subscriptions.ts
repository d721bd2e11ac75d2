import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EVENT_NAME_PATTERN, RETIRED_SECRET_GRACE_MS } from './triggerFacts';

/**
 * What the trigger keeps in workflow static data, and the rules for reading
 * it. n8n saves static data only after a lifecycle method returns (a throw
 * discards it) and rewrites the whole blob after a delivery that changed it,
 * so deliveries only ever read it (see readStoredState).
 *
 * - `subscriptions`: one per webhook route (the production and the editor's
 *   test URL are separate routes), with the hash of its secret and one
 *   Sophiie hook per event;
 * - `leftovers`: hooks that could not be removed, removed again at the next
 *   activation or deactivation;
 * - `retiredSecrets`: hashes of secrets whose hooks were all removed, still
 *   accepted for a short while, so that retries of deliveries already under
 *   way when the workflow was re-activated are not refused;
 * - `nextSecretNumbers`: per route, the number of the secret its next
 *   activation subscribes with (see secretFor).
 */

export interface StoredHook {
	event: string;
	hookId: number | string;
}

export interface StoredSubscription extends IDataObject {
	webhookUrl: string;
	events: string[];
	orgId: string;
	userId: string;
	secretHash: string;
	hooks: StoredHook[];
}

/** Hooks Sophiie still has that nothing delivers to any more. */
export interface Leftover extends IDataObject {
	orgId: string;
	userId: string;
	hooks: StoredHook[];
}

export interface RetiredSecret extends IDataObject {
	route: string;
	webhookUrl: string;
	secretHash: string;
	/** Milliseconds since the epoch after which it is refused. */
	until: number;
}

export interface StoredState {
	subscriptions: Record<string, StoredSubscription>;
	leftovers: Leftover[];
	retiredSecrets: RetiredSecret[];
	nextSecretNumbers: Record<string, number>;
}

/**
 * The URL's route: its last three path segments (`<endpoint>/<webhookId>/webhook`).
 * It tells the production URL from the test URL and stays the same when only
 * n8n's public address (WEBHOOK_URL) changes.
 */
export function routeOf(webhookUrl: string): string {
	return new URL(webhookUrl).pathname.split('/').filter(Boolean).slice(-3).join('/');
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A subscription as stored by earlier versions: keyed by URL, with the secret itself. */
function migrated(key: string, record: IDataObject): [string, StoredSubscription] {
	const { secret, ...rest } = record as StoredSubscription & { secret?: string };
	const secretHash = typeof secret === 'string' ? hashSecret(secret) : rest.secretHash;
	const webhookUrl = typeof rest.webhookUrl === 'string' ? rest.webhookUrl : key;
	return [routeOf(webhookUrl), { ...rest, webhookUrl, secretHash }];
}

/**
 * The stored subscriptions by route. Records of earlier versions (keyed by
 * URL) are read as such; when two of them share a route (n8n's public address
 * changed), the older one's hooks become leftovers, to be removed.
 */
function subscriptionsAndExtras(staticData: IDataObject) {
	const subscriptions: Record<string, StoredSubscription> = {};
	const extras: Leftover[] = [];
	const stored = staticData.subscriptions;
	if (!stored || typeof stored !== 'object') return { subscriptions, extras };
	for (const [key, record] of Object.entries(stored as Record<string, IDataObject>)) {
		const [route, subscription] = migrated(key, record);
		const earlier = subscriptions[route];
		if (earlier) extras.push({ orgId: earlier.orgId, userId: earlier.userId, hooks: earlier.hooks });
		subscriptions[route] = subscription;
	}
	return { subscriptions, extras };
}

function secretNumbersOf(staticData: IDataObject): Record<string, number> {
	const stored = staticData.nextSecretNumbers;
	if (!stored || typeof stored !== 'object') return {};
	return Object.fromEntries(
		Object.entries(stored as IDataObject).filter((entry): entry is [string, number] => Number.isSafeInteger(entry[1])),
	);
}

/** The stored state, without changing static data: what deliveries use. */
export function readStoredState(staticData: IDataObject, now = Date.now()): StoredState {
	const retired = Array.isArray(staticData.retiredSecrets) ? (staticData.retiredSecrets as RetiredSecret[]) : [];
	const leftovers = Array.isArray(staticData.leftovers) ? (staticData.leftovers as Leftover[]) : [];
	const { subscriptions, extras } = subscriptionsAndExtras(staticData);
	return {
		subscriptions,
		leftovers: [...leftovers, ...extras],
		retiredSecrets: retired.filter((entry) => entry.until > now),
		nextSecretNumbers: secretNumbersOf(staticData),
	};
}

/** Writes the state back whole (lifecycle methods only); empty parts are left out. */
export function writeStoredState(staticData: IDataObject, state: StoredState) {
	for (const key of ['subscriptions', 'leftovers', 'retiredSecrets', 'nextSecretNumbers']) delete staticData[key];
	if (Object.keys(state.subscriptions).length > 0) staticData.subscriptions = state.subscriptions;
	const leftovers = state.leftovers.filter((leftover) => leftover.hooks.length > 0);
	if (leftovers.length > 0) staticData.leftovers = leftovers;
	if (state.retiredSecrets.length > 0) staticData.retiredSecrets = state.retiredSecrets;
	if (Object.keys(state.nextSecretNumbers).length > 0) staticData.nextSecretNumbers = state.nextSecretNumbers;
}

/**
 * The secret of a route's subscription number `n`: derived from the API key,
 * so that n8n knows the secret of the next activation before that activation
 * is saved, and no one without the key can know it. n8n routes the webhook
 * while `create` runs (Sophiie may deliver as soon as a hook exists) but saves
 * what `create` wrote only once the whole activation is done (seconds on a
 * busy n8n 2.x, whose activations run in the background): deliveries in
 * between read the state of before, and are checked against this.
 */
export function secretFor(accessToken: string, workflowId: string, route: string, n: number): string {
	return createHmac('sha256', accessToken).update(`sophiie-trigger|${workflowId}|${route}|${n}`).digest('hex');
}

/** The number `create` subscribes this route with next (the first is 1). */
export const nextSecretNumber = (state: StoredState, route: string) => state.nextSecretNumbers[route] ?? 1;

/** Remembers a removed subscription's secret for the grace period. */
export function retire(state: StoredState, subscription: StoredSubscription, now = Date.now()) {
	state.retiredSecrets.push({
		route: routeOf(subscription.webhookUrl),
		webhookUrl: subscription.webhookUrl,
		secretHash: subscription.secretHash,
		until: now + RETIRED_SECRET_GRACE_MS,
	});
}

/** The chosen events plus the custom names, checked before anything is sent. */
export function selectedEvents(this: IHookFunctions | IWebhookFunctions): string[] {
	const listed = this.getNodeParameter('events', []) as string[];
	const custom = (this.getNodeParameter('customEvents', '') as string)
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	for (const name of custom) {
		if (!EVENT_NAME_PATTERN.test(name)) {
			throw new NodeOperationError(this.getNode(), `Invalid Custom Event Names: "${name}" is not an event name`, {
				description: 'Sophiie event names are upper case words joined by underscores, e.g. LEAD_CREATED.',
			});
		}
	}
	const events = [...new Set([...listed, ...custom])];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one event to listen for', {
			description: 'Select events under "Events" or type names into "Custom Event Names".',
		});
	}
	return events;
}

export function sameEvents(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((event) => b.includes(event));
}

/** Compares the given secret's hash with the stored one in constant time. */
export function secretMatches(given: unknown, secretHash: string): boolean {
	if (typeof given !== 'string' || given === '' || typeof secretHash !== 'string' || secretHash.length !== 64) return false;
	return timingSafeEqual(Buffer.from(hashSecret(given), 'hex'), Buffer.from(secretHash, 'hex'));
}
