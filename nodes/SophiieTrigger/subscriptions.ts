import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sophiieWebhooksRequest } from '../Sophiie/transport';
import {
	EVENT_NAME_PATTERN,
	HOOK_URL_EVENT_PARAMETER,
	HOOK_URL_SECRET_PARAMETER,
	subscriptionIdOf,
} from './triggerFacts';

/**
 * What the trigger keeps in workflow static data: one subscription per webhook
 * URL (the production and the editor's test URL are separate), with its secret
 * and one Sophiie hook per event.
 */
export interface StoredSubscription extends IDataObject {
	webhookUrl: string;
	events: string[];
	orgId: string;
	userId: string;
	secret: string;
	hooks: Array<{ event: string; hookId: number | string }>;
}

export function storedSubscriptions(staticData: IDataObject): Record<string, StoredSubscription> {
	if (!staticData.subscriptions || typeof staticData.subscriptions !== 'object') {
		staticData.subscriptions = {};
	}
	return staticData.subscriptions as Record<string, StoredSubscription>;
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

export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/** n8n's webhook URL with the secret and the event as query parameters. */
function hookUrlFor(webhookUrl: string, secret: string, event: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(HOOK_URL_SECRET_PARAMETER, secret);
	url.searchParams.set(HOOK_URL_EVENT_PARAMETER, event);
	return url.toString();
}

/** Compares in constant time; hashing first makes the lengths equal. */
export function secretMatches(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || given === '' || expected === '') return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** Subscribes one hook for `event`; resolves with the id unsubscribe takes. */
async function subscribe(this: IHookFunctions, subscription: StoredSubscription, event: string) {
	const response = await sophiieWebhooksRequest.call(this, 'POST', ['subscribe'], {
		qs: { org_id: subscription.orgId, user_id: subscription.userId },
		body: { hookUrl: hookUrlFor(subscription.webhookUrl, subscription.secret, event), trigger: event },
	});
	const hookId = subscriptionIdOf(response);
	if (hookId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Sophiie did not return a subscription ID', {
			description: `It answered: ${JSON.stringify(response).slice(0, 200)}`,
		});
	}
	return hookId;
}

/**
 * Subscribes one hook per event of `subscription`, all or nothing: when one
 * fails, the hooks already made are removed again; if that fails too, they are
 * kept in `stored` so that the next activation or deactivation removes them.
 */
export async function subscribeAll(
	this: IHookFunctions,
	subscription: StoredSubscription,
	stored: Record<string, StoredSubscription>,
): Promise<void> {
	for (const event of subscription.events) {
		try {
			subscription.hooks.push({ event, hookId: await subscribe.call(this, subscription, event) });
		} catch (error) {
			const made = subscription.hooks.length;
			let rollback = `The ${made} subscription(s) made before it were removed; nothing is left subscribed.`;
			try {
				await unsubscribeAll.call(this, subscription);
			} catch (rollbackError) {
				stored[subscription.webhookUrl] = subscription;
				rollback = (rollbackError as Error).message;
			}
			throw new NodeOperationError(
				this.getNode(),
				`Could not subscribe to Sophiie event ${event}: ${(error as Error).message}`,
				{ description: rollback },
			);
		}
	}
}

/** Removes one hook; one that Sophiie no longer knows (404) is already removed. */
async function unsubscribe(this: IHookFunctions, subscription: StoredSubscription, hookId: number | string) {
	try {
		await sophiieWebhooksRequest.call(this, 'DELETE', ['unsubscribe'], {
			qs: { org_id: subscription.orgId, user_id: subscription.userId },
			body: { hookId },
		});
	} catch (error) {
		if ((error as NodeApiError).httpCode === '404') return;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/**
 * Removes every hook of a subscription. Hooks that could not be removed stay
 * in the subscription (so a later activation or deactivation retries them) and
 * the failure is thrown, never swallowed.
 */
export async function unsubscribeAll(this: IHookFunctions, subscription: StoredSubscription): Promise<void> {
	const remaining: StoredSubscription['hooks'] = [];
	const failures: string[] = [];
	for (const hook of subscription.hooks) {
		try {
			await unsubscribe.call(this, subscription, hook.hookId);
		} catch (error) {
			remaining.push(hook);
			failures.push(`${hook.event} (hook ${hook.hookId}): ${(error as Error).message}`);
		}
	}
	subscription.hooks = remaining;
	if (failures.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not remove ${failures.length} of Sophiie's webhook subscriptions: ${failures.join('; ')}`,
			{ description: 'They are kept and removed again on the next activation or deactivation of this workflow.' },
		);
	}
}
