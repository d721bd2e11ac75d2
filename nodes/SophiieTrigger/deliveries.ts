import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { getConnection } from '../shared/transport';
import { rememberDelivery } from './recentDeliveries';
import type { StoredState, StoredSubscription } from './subscriptions';
import { hashSecret, nextSecretNumber, readStoredState, routeOf, secretFor, secretMatches, selectedEvents } from './subscriptions';
import { deliveryKeyOf, HOOK_URL_EVENT_PARAMETER, HOOK_URL_SECRET_PARAMETER } from './triggerFacts';

/**
 * One delivery from Sophiie: checked against the subscription of the URL it
 * came to, then started once. Static data is only read here (see
 * subscriptions.ts); what was already started is remembered in memory.
 */

/**
 * The URL this delivery came to, as the trigger subscribed it. Its route comes
 * from the request's path (n8n's webhook context always gives the production
 * URL, even for the editor's test URL); for the production URL, and for the
 * test URL where n8n can give it (2.x), it must be the URL n8n would
 * subscribe now, so the secret of an old public address is refused.
 */
function deliveryUrl(context: IWebhookFunctions): { route: string; expectedUrl?: string } {
	const request = context.getRequestObject();
	const path = new URL(request.originalUrl ?? request.url ?? '/', 'http://n8n.invalid').toString();
	const route = routeOf(path);
	const productionUrl = context.getNodeWebhookUrl('default') as string;
	if (routeOf(productionUrl) === route) return { route, expectedUrl: productionUrl };
	const withTest = context as IWebhookFunctions & { getWebhookResourceUrl?: (name: string) => string | undefined };
	return { route, expectedUrl: withTest.getWebhookResourceUrl?.('default') };
}

/**
 * The events a delivery with this secret may start the workflow for, or
 * undefined when it is refused. Accepted: the secret of the route's
 * subscription; a secret it retired a moment ago (retries of deliveries under
 * way when the workflow was re-activated); and the secret the route's next
 * activation subscribes with, which is in use before that activation is saved
 * (see secretFor). Until it is saved there may be no subscription to read the
 * events from: the node's own are what that activation subscribes.
 */
async function acceptedEvents(
	context: IWebhookFunctions,
	state: StoredState,
	{ route, expectedUrl }: { route: string; expectedUrl?: string },
	secret: unknown,
): Promise<string[] | undefined> {
	const subscription: StoredSubscription | undefined = state.subscriptions[route];
	// A subscription made for another public address: its deliveries are refused.
	if (subscription && expectedUrl !== undefined && subscription.webhookUrl !== expectedUrl) return undefined;
	if (subscription && secretMatches(secret, subscription.secretHash)) return subscription.events;
	const url = subscription?.webhookUrl ?? expectedUrl;
	const retired = state.retiredSecrets.some(
		(entry) => routeOf(entry.webhookUrl) === route && (url === undefined || entry.webhookUrl === url) && secretMatches(secret, entry.secretHash),
	);
	if (!retired && !(await isNextSecret(context, state, route, secret))) return undefined;
	return subscription?.events ?? selectedEvents.call(context);
}

async function isNextSecret(context: IWebhookFunctions, state: StoredState, route: string, secret: unknown): Promise<boolean> {
	if (typeof secret !== 'string' || secret === '') return false;
	const { token } = await getConnection(context);
	const next = secretFor(token, context.getWorkflow().id ?? '', route, nextSecretNumber(state, route));
	return secretMatches(secret, hashSecret(next));
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
	// Hung up already (it waited in n8n's queue past the sender's timeout): 'close' has been and will not come again.
	if (!response.writableFinished && (response.destroyed || response.socket?.destroyed)) return settle(true);
	response.once('finish', () => settle(response.statusCode >= 200 && response.statusCode < 300));
	response.once('close', () => {
		if (!response.writableFinished) settle(true);
	});
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const query = this.getQueryData() as IDataObject;
	const response = this.getResponseObject();
	const url = deliveryUrl(this);
	const state = readStoredState(this.getWorkflowStaticData('node'));
	const events = await acceptedEvents(this, state, url, query[HOOK_URL_SECRET_PARAMETER]);
	if (!events) return refuse(response, 401, 'Unauthorized');

	const body = this.getBodyData() as unknown;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(response, 400, 'Expected a JSON object');
	const payload = body as IDataObject;
	const event =
		typeof payload.event === 'string' && payload.event !== '' ? payload.event : String(query[HOOK_URL_EVENT_PARAMETER] ?? '');
	if (!events.includes(event)) return { webhookResponse: { received: true, started: false } };

	if (this.getNodeParameter('ignoreRepeatedDeliveries', true) !== false) {
		const scope = `${this.getWorkflow().id}:${this.getNode().id}:${url.route}`;
		const { seen, settle } = rememberDelivery(scope, deliveryKeyOf(event, payload));
		if (seen === 'accepted') return { webhookResponse: { received: true, started: false, repeated: true } };
		if (seen === 'pending') return refuse(response, 503, 'The same delivery is being started; send it again later', 2);
		settleOnAnswer(response, settle);
	}
	return {
		workflowData: [this.helpers.returnJsonArray([{ ...payload, event }])],
		webhookResponse: { received: true, started: true },
	};
}
