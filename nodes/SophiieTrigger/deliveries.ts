import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { recentDeliveriesOf } from './recentDeliveries';
import type { StoredState, StoredSubscription } from './subscriptions';
import { readStoredState, routeOf, secretMatches } from './subscriptions';
import { deliveryKeyOf, HOOK_URL_EVENT_PARAMETER, HOOK_URL_SECRET_PARAMETER } from './triggerFacts';

/**
 * One delivery from Sophiie: checked against the subscription of the URL it
 * came to, then started once. Static data is only read here (see
 * subscriptions.ts); what was already started is remembered in memory.
 */

/** The subscription of this URL, when the secret is its own or one it retired a moment ago. */
function subscriptionFor(state: StoredState, webhookUrl: string, secret: unknown): StoredSubscription | undefined {
	const subscription = state.subscriptions[routeOf(webhookUrl)];
	if (!subscription || subscription.webhookUrl !== webhookUrl) return undefined;
	if (secretMatches(secret, subscription.secretHash)) return subscription;
	const retired = state.retiredSecrets.some((entry) => entry.webhookUrl === webhookUrl && secretMatches(secret, entry.secretHash));
	return retired ? subscription : undefined;
}

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function refuse(response: Response, status: number, message: string, retryAfterSeconds?: number): IWebhookResponseData {
	if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
	response.status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * Whether n8n started the workflow, from its answer to the sender: 2xx once
 * the execution exists; anything else means it did not. A sender that hung up
 * before the answer counts as started (n8n carries on without it).
 */
function settleOnAnswer(response: Response, settle: (started: boolean) => void) {
	if (typeof response.once !== 'function') return settle(true);
	response.once('finish', () => settle(response.statusCode >= 200 && response.statusCode < 300));
	response.once('close', () => {
		if (!response.writableFinished) settle(true);
	});
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const query = this.getQueryData() as IDataObject;
	const response = this.getResponseObject();
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	const subscription = subscriptionFor(readStoredState(this.getWorkflowStaticData('node')), webhookUrl, query[HOOK_URL_SECRET_PARAMETER]);
	if (!subscription) return refuse(response, 401, 'Unauthorized');

	const body = this.getBodyData() as unknown;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(response, 400, 'Expected a JSON object');
	const payload = body as IDataObject;
	const event =
		typeof payload.event === 'string' && payload.event !== '' ? payload.event : String(query[HOOK_URL_EVENT_PARAMETER] ?? '');
	if (!subscription.events.includes(event)) return { webhookResponse: { received: true, started: false } };

	if (this.getNodeParameter('ignoreRepeatedDeliveries', true) !== false) {
		const key = deliveryKeyOf(event, payload);
		const memory = recentDeliveriesOf(`${this.getWorkflow().id}:${this.getNode().id}:${routeOf(webhookUrl)}`);
		const seen = memory.claim(key);
		if (seen === 'accepted') return { webhookResponse: { received: true, started: false, repeated: true } };
		if (seen === 'pending') return refuse(response, 503, 'The same delivery is being started; send it again later', 2);
		settleOnAnswer(response, (started) => memory.settle(key, started));
	}
	return {
		workflowData: [this.helpers.returnJsonArray([{ ...payload, event }])],
		webhookResponse: { received: true, started: true },
	};
}
