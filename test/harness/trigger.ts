/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	Workflow,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { recordForLeakCheck } from './leak-record';
import { SOPHIIE_TRIGGER_NODE_TYPE, activeTriggerWorkflow, additionalDataFor, nodeTypes } from './n8n';

/**
 * The Sophiie Trigger as n8n runs it: an activated workflow whose webhook
 * lifecycle (checkExists, create, delete) runs in n8n-core's HookContext, and
 * a local HTTP endpoint in place of n8n's webhook server that hands each
 * request to the node's webhook() in a WebhookContext. Static data lives on the
 * workflow, as n8n keeps it between activation and deliveries.
 */

const WEBHOOK_ID = '5f0c7a52-3d0c-4d2f-9d2c-6a0f3b1d9e11';

export interface Delivery {
	status: number;
	/** Items the workflow was started with; undefined when it was not started. */
	items?: INodeExecutionData[];
	response: unknown;
}

/**
 * The subset of Express's `res` that trigger nodes use, recording what the
 * node answered and, when there is a real request, sending it.
 */
class ResponseRecorder {
	statusCode = 200;
	body: unknown;
	ended = false;

	constructor(private readonly res?: http.ServerResponse) {}

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		return this.finish(body, JSON.stringify(body));
	}

	send(body: unknown) {
		return this.finish(body, typeof body === 'string' ? body : JSON.stringify(body));
	}

	end() {
		return this.finish(undefined, '');
	}

	setHeader(name: string, value: string) {
		this.res?.setHeader(name, value);
		return this;
	}

	private finish(body: unknown, text: string) {
		this.body = body;
		this.ended = true;
		if (this.res) {
			this.res.statusCode = this.statusCode;
			this.res.setHeader('Content-Type', 'application/json');
			this.res.end(text);
		}
		return this;
	}
}

export class TriggerHarness {
	readonly deliveries: Delivery[] = [];
	private server?: http.Server;
	private baseUrl = 'http://127.0.0.1/';
	workflow!: Workflow;
	node!: INode;

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		parameters: IDataObject,
	) {
		this.setParameters(parameters);
	}

	/** Starts the local webhook endpoint; n8n's webhook URLs then point at it. */
	async listen(): Promise<void> {
		this.server = http.createServer((req, res) => {
			this.receive(req, res).catch((error: Error) => {
				res.statusCode = 500;
				res.end(JSON.stringify({ message: error.message }));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server!.close(resolve));
	}

	/** A new node configuration on the same workflow, keeping its static data (like editing a workflow). */
	setParameters(parameters: IDataObject) {
		const staticData = this.workflow?.staticData;
		({ node: this.node, workflow: this.workflow } = activeTriggerWorkflow(
			{ id: 'trigger', name: 'Sophiie Trigger', type: SOPHIIE_TRIGGER_NODE_TYPE, webhookId: WEBHOOK_ID, parameters: parameters as INode['parameters'] },
			staticData,
		));
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private webhookData(isTest: boolean): IWebhookData {
		const description = nodeTypes.getByNameAndVersion(SOPHIIE_TRIGGER_NODE_TYPE, 1).description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: description,
			workflowId: 'trigger-workflow',
			workflowExecuteAdditionalData: additionalDataFor(this.credentials, undefined, this.baseUrl),
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	/** Runs one lifecycle method, as n8n does on activation ('create') or deactivation ('delete'). */
	async lifecycle(method: 'checkExists' | 'create' | 'delete', isTest = false): Promise<boolean> {
		const mode = isTest ? 'manual' : 'trigger';
		const activation: WorkflowActivateMode = isTest ? 'manual' : 'activate';
		const context = new HookContext(
			this.workflow,
			this.node,
			additionalDataFor(this.credentials, undefined, this.baseUrl),
			mode,
			activation,
			this.webhookData(isTest),
		);
		const nodeType = nodeTypes.getByNameAndVersion(SOPHIIE_TRIGGER_NODE_TYPE, 1);
		const methods = nodeType.webhookMethods!.default!;
		try {
			return (await methods[method]!.call(context)) as boolean;
		} catch (error) {
			recordForLeakCheck(this.credentials.accessToken, error);
			throw error;
		}
	}

	/** Activation as n8n does it: create only when checkExists says no. */
	async activate(isTest = false) {
		if (!(await this.lifecycle('checkExists', isTest))) await this.lifecycle('create', isTest);
	}

	webhookUrl(isTest = false) {
		return `${this.baseUrl}${isTest ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`;
	}

	private async receive(req: http.IncomingMessage, res: http.ServerResponse) {
		const url = new URL(req.url ?? '/', this.baseUrl);
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		let body: unknown = {};
		if (text !== '') {
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
		}
		const recorder = new ResponseRecorder(res);
		const delivery = await this.handle(url, body, req.headers as IDataObject, recorder);
		this.deliveries.push(delivery);
		if (!recorder.ended) recorder.status(delivery.status).json(delivery.response);
	}

	/** Hands one request to the node's webhook(), as n8n's webhook server does. */
	async handle(url: URL, body: unknown, headers: IDataObject = {}, res = new ResponseRecorder()): Promise<Delivery> {
		const isTest = url.pathname.startsWith('/webhook-test/');
		const additionalData = additionalDataFor(this.credentials, undefined, this.baseUrl);
		Object.assign(additionalData, {
			httpRequest: {
				body,
				headers,
				query: Object.fromEntries(url.searchParams),
				params: {},
				method: 'POST',
				url: url.pathname + url.search,
			},
			httpResponse: res,
		});
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			isTest ? 'manual' : 'webhook',
			this.webhookData(isTest),
			[],
			null,
		);
		const nodeType = nodeTypes.getByNameAndVersion(SOPHIIE_TRIGGER_NODE_TYPE, 1);
		const result = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
		recordForLeakCheck(this.credentials.accessToken, result, res.body);
		if (result.noWebhookResponse) return { status: res.statusCode, response: res.body };
		if (result.workflowData) {
			// n8n's answer to a delivery that starts the workflow (responseMode onReceived):
			// the description's responseData when set (n8n's default is the text
			// "firstEntryJson"), else webhook()'s webhookResponse, else its own message.
			const { responseData = 'firstEntryJson' } = nodeType.description.webhooks![0];
			const response = responseData || (result.webhookResponse ?? { message: 'Workflow was started' });
			return { status: 200, items: result.workflowData[0], response };
		}
		return { status: 200, response: result.webhookResponse ?? { message: 'Webhook call received' } };
	}
}
