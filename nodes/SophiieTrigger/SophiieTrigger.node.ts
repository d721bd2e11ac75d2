import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getMembers } from '../Sophiie/methods/loadOptions';
import { memberSelect, triggerOptions } from '../Sophiie/actions/common.descriptions';
import { validateId } from '../Sophiie/helpers/validation';
import { sophiieApiRequest } from '../Sophiie/transport';
import type { StoredSubscription } from './subscriptions';
import {
	newSecret,
	sameEvents,
	secretMatches,
	selectedEvents,
	storedSubscriptions,
	subscribeAll,
	unsubscribeAll,
} from './subscriptions';
import { HOOK_URL_EVENT_PARAMETER, HOOK_URL_SECRET_PARAMETER, TRIGGER_EVENTS } from './triggerFacts';

export class SophiieTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sophiie Trigger',
		name: 'sophiieTrigger',
		icon: { light: 'file:../../icons/sophiie.svg', dark: 'file:../../icons/sophiie.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a Sophiie event happens, such as a new lead',
		defaults: { name: 'Sophiie Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sophiieApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, so n8n answers an accepted delivery with webhook()'s webhookResponse
				// (left unset, n8n would answer the literal text "firstEntryJson").
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Sophiie documents only the Lead Created event. The other events follow its naming and may not be sent by every Sophiie account.',
				name: 'eventsNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: TRIGGER_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: ['LEAD_CREATED'],
				description: 'The Sophiie events that start this workflow',
			},
			{
				displayName: 'Custom Event Names',
				name: 'customEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. LEAD_ASSIGNED, INQUIRY_UPDATED',
				description: 'Comma-separated Sophiie event names not in the list above',
			},
			memberSelect('Subscribe As', 'The Sophiie member the webhook subscription belongs to (Sophiie requires one).'),
			triggerOptions,
		],
	};

	methods = { loadOptions: { getMembers } };

	webhookMethods = {
		default: {
			/**
			 * True only when this URL is subscribed for exactly the current events and
			 * member. It trusts what activation stored: Sophiie documents no endpoint that
			 * lists hooks, so there is nothing to check them against; a hook Sophiie lost
			 * shows as missing deliveries, and deactivating and activating again renews it.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const subscription = storedSubscriptions(this.getWorkflowStaticData('node'))[webhookUrl];
				if (!subscription) return false;
				return (
					sameEvents(subscription.events, selectedEvents.call(this)) &&
					subscription.userId === this.getNodeParameter('userId') &&
					subscription.hooks.length === subscription.events.length
				);
			},

			/** Subscribes one Sophiie hook per event; all or nothing. */
			async create(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const events = selectedEvents.call(this);
				const userId = validateId(this.getNode(), this.getNodeParameter('userId'), 0, 'Subscribe As');
				const subscriptions = storedSubscriptions(this.getWorkflowStaticData('node'));

				// Hooks left from an earlier activation of this URL go first, so every
				// event ends up with exactly one live hook.
				const leftover = subscriptions[webhookUrl];
				if (leftover) {
					await unsubscribeAll.call(this, leftover);
					delete subscriptions[webhookUrl];
				}

				const organization = await sophiieApiRequest.call(this, 'GET', ['organization']);
				const subscription: StoredSubscription = {
					webhookUrl,
					events,
					orgId: String(organization.id),
					userId,
					secret: newSecret(),
					hooks: [],
				};
				await subscribeAll.call(this, subscription, subscriptions);
				subscriptions[webhookUrl] = subscription;
				return true;
			},

			/** Removes every hook of this URL; a hook Sophiie no longer knows counts as removed. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const subscriptions = storedSubscriptions(this.getWorkflowStaticData('node'));
				const subscription = subscriptions[webhookUrl];
				if (!subscription) return true;
				await unsubscribeAll.call(this, subscription);
				delete subscriptions[webhookUrl];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as IDataObject;
		const response = this.getResponseObject();

		const subscription = Object.values(storedSubscriptions(this.getWorkflowStaticData('node'))).find(
			(candidate) => secretMatches(query[HOOK_URL_SECRET_PARAMETER], candidate.secret),
		);
		if (!subscription) {
			response.status(401).json({ message: 'Unauthorized' });
			return { noWebhookResponse: true };
		}

		const body = this.getBodyData() as unknown;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			response.status(400).json({ message: 'Expected a JSON object' });
			return { noWebhookResponse: true };
		}
		const payload = body as IDataObject;
		const event =
			typeof payload.event === 'string' && payload.event !== ''
				? payload.event
				: String(query[HOOK_URL_EVENT_PARAMETER] ?? '');
		if (!subscription.events.includes(event)) {
			return { webhookResponse: { received: true, started: false } };
		}
		return {
			workflowData: [this.helpers.returnJsonArray([{ ...payload, event }])],
			webhookResponse: { received: true, started: true },
		};
	}
}
