/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import { PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, Workflow } from 'n8n-workflow';

import { recordForLeakCheck } from './leak-record';
import { SOPHIIE_POLLING_TRIGGER_NODE_TYPE, activeTriggerWorkflow, additionalDataFor, nodeTypes } from './n8n';

/**
 * The Sophiie Polling Trigger as n8n runs it: an active workflow whose node's
 * poll() runs in n8n-core's PollContext, static data kept on the workflow
 * between polls. `restart()` keeps only what n8n would have saved (the static
 * data as JSON) and builds the workflow anew, as after an n8n restart.
 */
export class PollerHarness {
	private node!: INode;
	private workflow!: Workflow;

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		private parameters: IDataObject,
	) {
		this.build(undefined);
	}

	private build(staticData: IDataObject | undefined) {
		({ node: this.node, workflow: this.workflow } = activeTriggerWorkflow(
			{ id: 'poller', name: 'Sophiie Polling Trigger', type: SOPHIIE_POLLING_TRIGGER_NODE_TYPE, parameters: this.parameters as INode['parameters'] },
			staticData,
		));
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** What n8n keeps across a restart: the static data, through JSON. */
	restart() {
		this.build(JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject);
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
			recordForLeakCheck(this.credentials.accessToken, result);
			return result ? result[0].map((item) => item.json) : null;
		} catch (error) {
			recordForLeakCheck(this.credentials.accessToken, error);
			throw error;
		}
	}
}
