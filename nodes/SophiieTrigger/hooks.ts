import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CONTRACT_HINT } from '../shared/assumptions';
import { sophiieWebhooksRequest } from '../shared/transport';
import type { StoredHook } from './subscriptions';
import { HOOK_URL_EVENT_PARAMETER, HOOK_URL_SECRET_PARAMETER, subscriptionIdOf } from './triggerFacts';

/** Subscribing and unsubscribing Sophiie hooks on the webhooks host. */

export interface HookOwner {
	orgId: string;
	userId: string;
}

/** n8n's webhook URL with the secret and the event as query parameters. */
function hookUrlFor(webhookUrl: string, secret: string, event: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(HOOK_URL_SECRET_PARAMETER, secret);
	url.searchParams.set(HOOK_URL_EVENT_PARAMETER, event);
	return url.toString();
}

/** Subscribes one hook for `event`; resolves with the id unsubscribe takes. */
async function subscribe(this: IHookFunctions, owner: HookOwner, webhookUrl: string, secret: string, event: string) {
	const response = await sophiieWebhooksRequest.call(this, 'POST', ['subscribe'], {
		qs: { org_id: owner.orgId, user_id: owner.userId },
		body: { hookUrl: hookUrlFor(webhookUrl, secret, event), trigger: event },
	});
	const hookId = subscriptionIdOf(response);
	if (hookId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Sophiie did not return a subscription ID', {
			description: `It answered: ${JSON.stringify(response).slice(0, 200)}. ${CONTRACT_HINT}`,
		});
	}
	return hookId;
}

export interface Removal {
	/** Hooks Sophiie still has: the unsubscribe failed. */
	remaining: StoredHook[];
	failures: string[];
}

/**
 * Removes every hook; never throws. A hook Sophiie itself says it does not
 * know (404 in its error envelope) is already removed; any other 404 is a
 * failure, as it more likely came from a wrong webhooks base URL.
 */
export async function unsubscribeAll(this: IHookFunctions, owner: HookOwner, hooks: StoredHook[]): Promise<Removal> {
	const removal: Removal = { remaining: [], failures: [] };
	for (const hook of hooks) {
		try {
			await sophiieWebhooksRequest.call(this, 'DELETE', ['unsubscribe'], {
				qs: { org_id: owner.orgId, user_id: owner.userId },
				body: { hookId: hook.hookId },
				acceptNotFound: true,
			});
		} catch (error) {
			removal.remaining.push(hook);
			removal.failures.push(`${hook.event} (hook ${hook.hookId}): ${(error as Error).message}`);
		}
	}
	return removal;
}

/**
 * Subscribes one hook per event, all or nothing: when one fails, the hooks
 * already made are removed again. n8n forgets what a failed activation wrote
 * to static data, so a hook that cannot be removed either is named in the
 * error (n8n then runs `delete`, which moves the route on to another secret,
 * so n8n refuses its deliveries).
 */
export async function subscribeAll(
	this: IHookFunctions,
	owner: HookOwner,
	webhookUrl: string,
	secret: string,
	events: string[],
): Promise<StoredHook[]> {
	const hooks: StoredHook[] = [];
	for (const event of events) {
		try {
			hooks.push({ event, hookId: await subscribe.call(this, owner, webhookUrl, secret, event) });
		} catch (error) {
			const { remaining, failures } = await unsubscribeAll.call(this, owner, hooks);
			const rollback =
				remaining.length === 0
					? `The ${hooks.length} subscription(s) made before it were removed; nothing is left subscribed.`
					: `${remaining.length} subscription(s) made before it could not be removed and stay on Sophiie: ${failures.join('; ')}. ` +
						`n8n refuses their deliveries (their secret is not used again); to stop them, unsubscribe hook ${remaining.map((hook) => hook.hookId).join(', ')} in Sophiie.`;
			throw new NodeOperationError(this.getNode(), `Could not subscribe to Sophiie event ${event}: ${(error as Error).message}`, {
				description: rollback,
			});
		}
	}
	return hooks;
}
