/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import { PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, Workflow } from 'n8n-workflow';

import { recordForLeakCheck } from '../../scripts/harness/leak-record';
import { SOPHIIE_POLLING_TRIGGER_NODE_TYPE, activeTriggerWorkflow, additionalDataFor, nodeTypes, savedStaticData } from '../../scripts/harness/n8n-core';

let pollerCount = 0;

/**
 * The Sophiie Polling Trigger as n8n runs it: an active workflow whose node's
 * poll() runs in n8n-core's PollContext, static data kept on the workflow
 * object between polls (n8n keeps one per activation). What survives a
 * restart is what n8n saved (checked against n8n 2.40.7 with its default,
 * non-durable cursors): the static data after the activation's first poll,
 * and after each poll that emitted items; a poll that returned nothing is
 * not saved. `restart()` builds the workflow anew from that.
 */
export class PollerHarness {
	private node!: INode;
	private workflow!: Workflow;
	private saved = '{}';
	private activationPolled = false;
	/** Each harness is its own workflow (the trigger keeps per-process state by workflow). */
	private readonly workflowKey = `poller-${++pollerCount}`;

	constructor(
		private credentials: ICredentialDataDecryptedObject,
		private parameters: IDataObject,
	) {
		this.build(undefined);
	}

	private build(staticData: IDataObject | undefined) {
		({ node: this.node, workflow: this.workflow } = activeTriggerWorkflow(
			{ id: this.workflowKey, name: 'Sophiie Polling Trigger', type: SOPHIIE_POLLING_TRIGGER_NODE_TYPE, parameters: this.parameters as INode['parameters'] },
			staticData,
		));
	}

	private save() {
		this.saved = savedStaticData(this.workflow);
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** n8n restarting, or the workflow deactivated and activated again: the saved static data, a new workflow. */
	restart() {
		this.build(JSON.parse(this.saved) as IDataObject);
		this.activationPolled = false;
	}

	/** Another credential (or environment) on the same node. */
	setCredentials(credentials: ICredentialDataDecryptedObject) {
		this.credentials = credentials;
	}

	/** Another configuration of the same node (like editing the workflow), keeping its static data. */
	setParameters(parameters: IDataObject) {
		this.parameters = parameters;
		this.build(this.workflow.staticData);
	}

	/** One poll as n8n runs it on schedule ('trigger'), or as "Fetch Test Event" ('manual'). */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[] | null> {
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalDataFor(this.credentials),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const nodeType = nodeTypes.getByNameAndVersion(SOPHIIE_POLLING_TRIGGER_NODE_TYPE, 1);
		try {
			const result = (await nodeType.poll!.call(context)) as INodeExecutionData[][] | null;
			if (mode === 'trigger' && (!this.activationPolled || result !== null)) this.save();
			if (mode === 'trigger') this.activationPolled = true;
			recordForLeakCheck(this.credentials.accessToken, result);
			return result ? result[0].map((item) => item.json) : null;
		} catch (error) {
			recordForLeakCheck(this.credentials.accessToken, error);
			throw error;
		}
	}
}
