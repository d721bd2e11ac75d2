/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import path from 'node:path';

// Before n8n-core: its settings must not land in the home folder.
import './n8n-core-env';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';


import { projectRoot } from './pack';
import { recordForLeakCheck } from './leak-record';
/**
 * A small in-process n8n: the package's built node and credential run through
 * n8n-core's real WorkflowExecute, execution contexts and request helpers
 * (axios over real HTTP), in the spirit of n8n's own NodeTestHarness. Only the
 * parts of the n8n server that are out of scope (database, encryption, UI)
 * are replaced by plain objects.
 */

// The package as n8n loads it: the built files named in package.json's "n8n" field.
const built = (file: string) => path.join(projectRoot, 'dist', file);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Sophiie } = require(built('nodes/Sophiie/Sophiie.node')) as { Sophiie: new () => INodeType };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SophiieTrigger } = require(built('nodes/SophiieTrigger/SophiieTrigger.node')) as {
	SophiieTrigger: new () => INodeType;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SophiiePollingTrigger } = require(built('nodes/SophiiePollingTrigger/SophiiePollingTrigger.node')) as {
	SophiiePollingTrigger: new () => INodeType;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SophiieApi } = require(built('credentials/SophiieApi.credentials')) as {
	SophiieApi: new () => ICredentialType;
};

const SOPHIIE_NODE_TYPE = 'n8n-nodes-sophiie.sophiie';
/** The node's AI-agent tool variant, as n8n names it (the same class, "Tool" appended). */
const SOPHIIE_TOOL_NODE_TYPE = 'n8n-nodes-sophiie.sophiieTool';
export const SOPHIIE_TRIGGER_NODE_TYPE = 'n8n-nodes-sophiie.sophiieTrigger';
export const SOPHIIE_POLLING_TRIGGER_NODE_TYPE = 'n8n-nodes-sophiie.sophiiePollingTrigger';
const sophiieCredentialType = new SophiieApi();

/** Emits the items it is given: the start of every test workflow. */
class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

export const nodeTypes: INodeTypes = (() => {
	const types: Record<string, INodeType> = {
		[SOPHIIE_NODE_TYPE]: new Sophiie(),
		[SOPHIIE_TOOL_NODE_TYPE]: new Sophiie(),
		[SOPHIIE_TRIGGER_NODE_TYPE]: new SophiieTrigger(),
		[SOPHIIE_POLLING_TRIGGER_NODE_TYPE]: new SophiiePollingTrigger(),
		'test.items': new TestItems(),
	};
	const getByName = (name: string): INodeType | IVersionedNodeType => {
		const type = types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName,
		getByNameAndVersion: (name: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(getByName(name), version),
		getKnownTypes: () => ({}),
	};
})();

/**
 * An active workflow of one Sophiie trigger node, as n8n holds it between
 * activation and runs (workflow id `<node id>-workflow`), keeping the static
 * data it is given.
 */
export function activeTriggerWorkflow(
	node: Pick<INode, 'id' | 'name' | 'type' | 'parameters' | 'webhookId'>,
	staticData: IDataObject | undefined,
) {
	const full: INode = {
		typeVersion: 1,
		position: [0, 0],
		credentials: { sophiieApi: { id: 'sandbox', name: 'Sophiie sandbox' } },
		...node,
	};
	const workflow = new Workflow({ id: `${node.id}-workflow`, nodes: [full], connections: {}, nodeTypes, active: true, staticData });
	return { node: full, workflow };
}

/** A workflow's static data as n8n writes it to its database: JSON, without the change marker. */
export function savedStaticData(workflow: Workflow): string {
	const data = { ...(workflow.staticData as IDataObject) };
	delete data.__dataChanged;
	return JSON.stringify(data);
}

/** Resolves `=…` values the way n8n's CredentialsHelper does, with `$credentials` in scope. */
function resolveCredentialValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: WorkflowType,
	node: INode,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials } as never,
		undefined,
		'',
	);
}

/** n8n's credential handling, minus storage and encryption: plain data, the credential's own authenticate(). */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (typeName !== sophiieCredentialType.name) throw new Error(`Unknown credential type ${typeName}`);
		const authenticate = sophiieCredentialType.authenticate;
		if (typeof authenticate !== 'function') {
			throw new Error('The Sophiie credential is expected to authenticate with a function');
		}
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return sophiieCredentialType.properties;
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async getCredentials(): Promise<never> {
		throw new Error('Not used by the Sophiie node');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	isCredentialUsableByNode() {
		return true;
	}
}

export function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
	instanceBaseUrl = 'http://127.0.0.1/',
) {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		restApiUrl: `${instanceBaseUrl}rest`,
		instanceBaseUrl,
		formWaitingBaseUrl: `${instanceBaseUrl}form-waiting`,
		webhookBaseUrl: `${instanceBaseUrl}webhook`,
		webhookWaitingBaseUrl: `${instanceBaseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${instanceBaseUrl}webhook-test`,
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by the Sophiie node');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code runners are not used by the Sophiie node');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Credentials as a user would enter them for the sandbox. */
export function sandboxCredentials(
	baseUrl: string,
	accessToken: string,
	webhooksBaseUrl: string,
): ICredentialDataDecryptedObject {
	return { accessToken, environment: 'custom', baseUrl, webhooksBaseUrl };
}

export interface RunOptions {
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	/** Input items; one empty item when omitted, as after a manual trigger. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Run it under the type name of its AI-agent tool variant. */
	asTool?: boolean;
}

export interface RunResult {
	/** The Sophiie node's output items. */
	items: INodeExecutionData[];
	/** The execution's error, as n8n records it. */
	error: (Error & IDataObject) | undefined;
	run: IRun;
}

/** Runs a two-node workflow, Start → Sophiie, through n8n-core and returns what n8n records. */
export async function runSophiieNode(options: RunOptions): Promise<RunResult> {
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'Sophiie test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [[{ node: 'Sophiie', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(options.items ?? [{}]) },
			},
			{
				id: 'sophiie',
				name: 'Sophiie',
				type: options.asTool ? SOPHIIE_TOOL_NODE_TYPE : SOPHIIE_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: options.parameters as INodeParameters,
				credentials: { sophiieApi: { id: 'sandbox', name: 'Sophiie sandbox' } },
				onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
			} as INode,
		],
	};
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		settings: workflowData.settings,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const start = workflow.getNode('Start')!;
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const execution = new WorkflowExecute(additionalDataFor(options.credentials, hooks), 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;

	const nodeRuns = run.data.resultData.runData.Sophiie ?? [];
	const items = nodeRuns[0]?.data?.main?.[0] ?? [];
	const error = run.data.resultData.error as RunResult['error'];
	recordForLeakCheck(options.credentials.accessToken, run, error);
	return { items, error, run };
}

/** An editor context of the Sophiie node (as n8n gives its dropdowns and searches), with n8n's request helpers. */
export function loadOptionsContext(credentials: ICredentialDataDecryptedObject, parameters: INodeParameters = {}) {
	const node: INode = {
		id: 'sophiie',
		name: 'Sophiie',
		type: SOPHIIE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { sophiieApi: { id: 'sandbox', name: 'Sophiie sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false });
	return new LoadOptionsContext(workflow, node, additionalDataFor(credentials), 'parameters.leadId');
}

/** Calls a `methods.listSearch` method the way the editor does for a resource locator. */
export async function runListSearch(
	method: string,
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
	paginationToken?: string,
	parameters: INodeParameters = {},
): Promise<INodeListSearchResult> {
	const listSearch = (new Sophiie().methods?.listSearch ?? {}) as Record<
		string,
		(this: unknown, filter?: string, token?: string) => Promise<INodeListSearchResult>
	>;
	const context = loadOptionsContext(credentials, { resource: 'lead', operation: 'get', ...parameters });
	try {
		const result = await listSearch[method].call(context, filter, paginationToken);
		recordForLeakCheck(credentials.accessToken, result);
		return result;
	} catch (error) {
		recordForLeakCheck(credentials.accessToken, error);
		throw error;
	}
}

/** Calls a `methods.loadOptions` method of a node (the trigger by default), the way the editor fills a dropdown. */
export async function runLoadOptions(
	method: string,
	credentials: ICredentialDataDecryptedObject,
	node: 'sophiie' | 'trigger' = 'trigger',
) {
	const type = node === 'sophiie' ? SOPHIIE_NODE_TYPE : SOPHIIE_TRIGGER_NODE_TYPE;
	const nodeType = nodeTypes.getByNameAndVersion(type, 1) as INodeType;
	const loadOptions = (nodeType.methods?.loadOptions ?? {}) as Record<
		string,
		(this: unknown) => Promise<INodePropertyOptions[]>
	>;
	return await loadOptions[method].call(loadOptionsContext(credentials, {}));
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** The credential's test request with its expressions resolved, as n8n sends it. */
export function resolveCredentialTestRequest(credentials: ICredentialDataDecryptedObject) {
	const test = sophiieCredentialType.test;
	if (!test) throw new Error('The Sophiie credential has no test request');
	const context = loadOptionsContext(credentials, {});
	const node = context.getNode();
	const workflow = (context as unknown as { workflow: WorkflowType }).workflow;
	const baseURL = String(resolveCredentialValue(test.request.baseURL, credentials, workflow, node));
	const url = String(resolveCredentialValue(test.request.url, credentials, workflow, node));
	return { method: test.request.method ?? 'GET', url: `${baseURL}${url}` };
}

/**
 * The credential's "Test" button, as n8n's credentials tester runs a declared
 * `test.request`: expressions resolved with `$credentials`, the credential's
 * authentication applied, 2xx means OK, and a matching `responseCode` rule
 * supplies the error text.
 */
export async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const rules = sophiieCredentialType.test?.rules ?? [];
	const context = loadOptionsContext(credentials, {});
	const request: IHttpRequestOptions = {
		...resolveCredentialTestRequest(credentials),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			sophiieCredentialType.name,
			request,
			{ credentialsDecrypted: { id: 'test', name: 'test', type: sophiieCredentialType.name, data: credentials } },
		)) as { statusCode: number; statusMessage?: string };
		recordForLeakCheck(credentials.accessToken, response);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return { status: 'OK', message: 'Connection tested successfully' };
		}
		for (const rule of rules) {
			if (rule.type === 'responseCode' && rule.properties.value === response.statusCode) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'Error', message: response.statusMessage ?? `Received HTTP status code: ${response.statusCode}` };
	} catch (error) {
		recordForLeakCheck(credentials.accessToken, error);
		return { status: 'Error', message: (error as Error).message };
	}
}
