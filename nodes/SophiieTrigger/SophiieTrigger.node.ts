import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getMembers } from '../shared/loadOptions';
import { memberSelect, triggerOptions } from '../shared/fields';
import { receiveDelivery } from './deliveries';
import { checkExists, create, remove } from './lifecycle';
import { TRIGGER_EVENTS } from './triggerFacts';

export class SophiieTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sophiie Trigger',
		name: 'sophiieTrigger',
		icon: { light: 'file:../../icons/sophiie.svg', dark: 'file:../../icons/sophiie.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. It exists because n8n evaluates an expression for every
		// delivery to a webhook trigger of version 1 (Webhook v1's Binary Data
		// option, in its parseRequestBody), which on n8n 2.x costs an expression
		// isolate per delivery; from 1.1 on it does not. Workflows saved with 1 keep it.
		version: [1, 1.1],
		defaultVersion: 1.1,
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
			{
				displayName: 'Ignore Repeated Deliveries',
				name: 'ignoreRepeatedDeliveries',
				type: 'boolean',
				default: true,
				description:
					'Whether to start the workflow only once when Sophiie sends the same event again (a retry after a timeout or a lost answer). Remembered by this n8n process for 24 hours, up to 10,000 events per trigger.',
			},
			memberSelect('Subscribe As', 'The Sophiie member the webhook subscription belongs to (Sophiie requires one).'),
			triggerOptions,
		],
	};

	methods = { loadOptions: { getMembers } };

	// Written out as methods for n8n's lint; the lifecycle is in lifecycle.ts.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
