/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';

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

import { recordForLeakCheck } from '../../scripts/harness/leak-record';
import { SOPHIIE_TRIGGER_NODE_TYPE, activeTriggerWorkflow, additionalDataFor, nodeTypes, savedStaticData } from '../../scripts/harness/n8n-core';

/**
 * The Sophiie Trigger as n8n runs it: an activated workflow whose webhook
 * lifecycle (checkExists, create, delete) runs in n8n-core's HookContext, and
 * a local HTTP endpoint in place of n8n's webhook server that hands each
 * request to the node's webhook() in a WebhookContext.
 *
 * Static data is kept as n8n keeps it (checked against n8n 2.40.7's
 * active-workflow-manager.js and live-webhooks.js): stored as JSON, as in
 * n8n's database; each lifecycle call and each delivery runs on a workflow
 * loaded from that copy; what a lifecycle method wrote is saved only when it
 * returns (a throw discards it, and a failed activation runs `delete` on the
 * stored copy, as n8n's clearWebhooks does); a delivery's changes are saved
 * after webhook() returns, whole, when it changed anything.
 *
 * The local endpoint routes the URL as n8n does: from the start of an
 * activation (n8n stores the webhook before it runs checkExists and create,
 * and saves their static data only after) until a deactivation's `delete` has
 * run; otherwise it answers 404, as n8n does for a webhook it does not know.
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
export class ResponseRecorder extends EventEmitter {
	statusCode = 200;
	body: unknown;
	ended = false;
	/** Set when the sender hung up before n8n answered (its 'close' has been emitted already). */
	destroyed = false;

	constructor(private readonly res?: http.ServerResponse) {
		super();
	}

	get writableFinished() {
		return this.ended;
	}

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
		// A response whose socket is gone emits nothing more: its 'close' came when the sender hung up.
		if (this.destroyed) return this;
		this.emit('finish');
		this.emit('close');
		return this;
	}
}

let harnessCount = 0;

export class TriggerHarness {
	readonly deliveries: Delivery[] = [];
	private server?: http.Server;
	private baseUrl = 'http://127.0.0.1/';
	private parameters!: IDataObject;
	/** The workflow's static data as n8n's database holds it. */
	private stored = '{}';
	/** When set, n8n "fails to start" the execution of an accepted delivery and answers 500. */
	failExecutionStart = false;
	/** How long n8n takes to create the execution before it answers. */
	executionStartMs = 0;
	/** Deliveries after which n8n saved static data (webhook() changed it). */
	staticDataWrites = 0;
	node!: INode;
	/** Whether n8n routes the production URL to the node (see the class comment). */
	private routed = false;
	/** Each harness is its own workflow (n8n process memory is keyed by workflow). */
	private readonly workflowKey = `trigger-${++harnessCount}`;

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		parameters: IDataObject,
	) {
		this.setParameters(parameters);
	}

	/** n8n's public address (WEBHOOK_URL) from now on, e.g. after a change of host. */
	setBaseUrl(baseUrl: string) {
		this.baseUrl = baseUrl;
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
		this.parameters = parameters;
		this.node = this.loadWorkflow().node;
	}

	/** The workflow as n8n loads it for a lifecycle call or a delivery: static data from the database. */
	private loadWorkflow(): { node: INode; workflow: Workflow } {
		return activeTriggerWorkflow(
			{ id: this.workflowKey, name: 'Sophiie Trigger', type: SOPHIIE_TRIGGER_NODE_TYPE, webhookId: WEBHOOK_ID, parameters: this.parameters as INode['parameters'] },
			JSON.parse(this.stored) as IDataObject,
		);
	}

	private save(workflow: Workflow) {
		this.stored = savedStaticData(workflow);
	}

	/** Puts this node's static data into the database as given (e.g. as an earlier version stored it). */
	replaceStaticData(data: IDataObject) {
		this.stored = JSON.stringify({ [`node:${this.node.name}`]: data });
	}

	/** The node's static data as saved. */
	get staticData(): IDataObject {
		const { workflow, node } = this.loadWorkflow();
		return workflow.getStaticData('node', node);
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

	/**
	 * Runs one lifecycle method on the stored static data and saves what it
	 * wrote when it returns; a throw saves nothing, as in n8n.
	 */
	async lifecycle(method: 'checkExists' | 'create' | 'delete', isTest = false, activation?: WorkflowActivateMode): Promise<boolean> {
		const { workflow, node } = this.loadWorkflow();
		const result = await this.runLifecycle(workflow, node, method, isTest, activation);
		this.save(workflow);
		return result;
	}

	private async runLifecycle(
		workflow: Workflow,
		node: INode,
		method: 'checkExists' | 'create' | 'delete',
		isTest: boolean,
		activation: WorkflowActivateMode = isTest ? 'manual' : method === 'delete' ? 'update' : 'activate',
	): Promise<boolean> {
		const context = new HookContext(
			workflow,
			node,
			additionalDataFor(this.credentials, undefined, this.baseUrl),
			isTest ? 'manual' : method === 'delete' ? 'internal' : 'trigger',
			activation,
			this.webhookData(isTest),
		);
		const methods = nodeTypes.getByNameAndVersion(SOPHIIE_TRIGGER_NODE_TYPE, 1).webhookMethods!.default!;
		try {
			return (await methods[method]!.call(context)) as boolean;
		} catch (error) {
			recordForLeakCheck(this.credentials.accessToken, error);
			throw error;
		}
	}

	/**
	 * Activation as n8n does it (addWebhooks): create only when checkExists says
	 * no, on one workflow, saved at the end. When it throws, n8n runs delete on
	 * the stored static data (clearWebhooks), then reports the error.
	 */
	async activate(isTest = false, activation: WorkflowActivateMode = isTest ? 'manual' : 'activate') {
		const { workflow, node } = this.loadWorkflow();
		if (!isTest) this.routed = true;
		try {
			if (!(await this.runLifecycle(workflow, node, 'checkExists', isTest, activation))) {
				await this.runLifecycle(workflow, node, 'create', isTest, activation);
			}
		} catch (error) {
			if (!isTest) await this.deactivate().catch(() => undefined);
			throw error;
		}
		this.save(workflow);
	}

	/** Deactivation as n8n does it (clearWebhooks): delete on the stored static data, then the URL is no longer routed. */
	async deactivate(isTest = false) {
		const result = await this.lifecycle('delete', isTest);
		if (!isTest) this.routed = false;
		return result;
	}

	/** n8n restarting: activation mode init, on the stored static data. */
	async restart() {
		await this.activate(false, 'init');
	}

	webhookUrl(isTest = false) {
		return `${this.baseUrl}${isTest ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`;
	}

	private async receive(req: http.IncomingMessage, res: http.ServerResponse) {
		const url = new URL(req.url ?? '/', this.baseUrl);
		if (!url.pathname.startsWith('/webhook-test/') && !this.routed) {
			res.statusCode = 404;
			res.end(JSON.stringify({ message: `The requested webhook "POST ${WEBHOOK_ID}/webhook" is not registered.` }));
			this.deliveries.push({ status: 404, response: undefined });
			return;
		}
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
		const delivery = await this.handle(url, body, req.headers as IDataObject, new ResponseRecorder(res));
		this.deliveries.push(delivery);
	}

	/**
	 * Hands one request to the node's webhook(), as n8n's webhook server does:
	 * on a workflow loaded from the stored static data, saved afterwards when
	 * webhook() changed it; then, for a delivery that starts the workflow, n8n
	 * creates the execution (taking `executionStartMs`) and only then answers
	 * 200, or 500 when that fails (`failExecutionStart`).
	 */
	async handle(url: URL, body: unknown, headers: IDataObject = {}, res = new ResponseRecorder()): Promise<Delivery> {
		const isTest = url.pathname.startsWith('/webhook-test/');
		const additionalData = additionalDataFor(this.credentials, undefined, this.baseUrl);
		Object.assign(additionalData, {
			httpRequest: { body, headers, query: Object.fromEntries(url.searchParams), params: {}, method: 'POST', url: url.pathname + url.search },
			httpResponse: res,
		});
		const { workflow, node } = this.loadWorkflow();
		const context = new WebhookContext(workflow, node, additionalData, isTest ? 'manual' : 'webhook', this.webhookData(isTest), [], null);
		const nodeType = nodeTypes.getByNameAndVersion(SOPHIIE_TRIGGER_NODE_TYPE, 1);
		const result = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
		if ((workflow.staticData as IDataObject).__dataChanged === true) {
			this.staticDataWrites++;
			this.save(workflow);
		}
		recordForLeakCheck(this.credentials.accessToken, result, res.body);
		if (result.noWebhookResponse) return { status: res.statusCode, response: res.body };
		if (!result.workflowData) return this.answer(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
		if (this.executionStartMs > 0) await wait(this.executionStartMs);
		if (this.failExecutionStart) return this.answer(res, 500, { message: 'There was a problem executing the workflow' });
		// n8n's answer to a delivery that starts the workflow (responseMode onReceived):
		// the description's responseData when set (n8n's default is the text
		// "firstEntryJson"), else webhook()'s webhookResponse, else its own message.
		const { responseData = 'firstEntryJson' } = nodeType.description.webhooks![0];
		const response = responseData || (result.webhookResponse ?? { message: 'Workflow was started' });
		return { ...this.answer(res, 200, response), items: result.workflowData[0] };
	}

	private answer(res: ResponseRecorder, status: number, response: unknown): Delivery {
		res.status(status).json(response);
		return { status, response };
	}
}
