import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { inquirySourceFilter, triggerOptions } from '../Sophiie/actions/common.descriptions';
import { forgetConnection } from '../Sophiie/transport';
import { advance, baseline, oldestFirst, storedCursor } from './cursor';
import { newestRecords, readNewRecords, recordsInGetShape } from './newRecords';
import type { PollEvent } from './pollEvents';
import { MAX_POLL_PAGES, POLL_EVENTS } from './pollEvents';

function eventOf(context: IPollFunctions): PollEvent {
	const value = context.getNodeParameter('event') as string;
	const event = POLL_EVENTS.find((candidate) => candidate.value === value);
	if (!event) throw new NodeOperationError(context.getNode(), `Unknown event "${value}"`);
	return event;
}

/** The list's filters as query parameters: only the Source of New Inquiry, when one is chosen. */
function filterQuery(context: IPollFunctions, event: PollEvent): IDataObject {
	if (event.value !== 'newInquiry') return {};
	const source = context.getNodeParameter('source', '') as string;
	return source ? { source } : {};
}

export class SophiiePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sophiie Polling Trigger',
		name: 'sophiiePollingTrigger',
		icon: { light: 'file:../../icons/sophiie.svg', dark: 'file:../../icons/sophiie.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Checks Sophiie on a schedule for new leads, inquiries or appointments; needs no public URL',
		defaults: { name: 'Sophiie Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sophiieApi', required: true }],
		properties: [
			{
				displayName:
					'Checks Sophiie on the schedule below and starts the workflow once per new record, oldest first. Works where Sophiie cannot reach n8n; the Sophiie Trigger reacts at once but needs a public URL.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: POLL_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: 'newLead',
			},
			{ ...inquirySourceFilter, displayOptions: { show: { event: ['newInquiry'] } } },
			triggerOptions,
		],
	};

	/**
	 * The first poll after activation only notes where the list stands; each
	 * later poll emits what is past that point, oldest first, then moves the
	 * point. The point moves only after every request of the poll succeeded,
	 * so a failed poll (429, 5xx, timeout) is caught up by the next one.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		forgetConnection(this);
		const event = eventOf(this);
		const qs = filterQuery(this, event);
		if (this.getMode() === 'manual') return await fetchTestEvent(this, event, qs);

		const list = `${event.value}:${JSON.stringify(qs)}`;
		const staticData = this.getWorkflowStaticData('node');
		const cursor = storedCursor(staticData.cursor, list);
		if (!cursor) {
			staticData.cursor = baseline(list, await newestRecords(this, event, qs));
			return null;
		}
		const { records, complete } = await readNewRecords(this, event, qs, cursor);
		if (!complete) {
			this.logger.warn(
				`Sophiie Polling Trigger: more than ${MAX_POLL_PAGES} pages of new ${event.noun} records since the last poll; emitting the ${records.length} newest, older ones are skipped`,
				{ node: this.getNode().name, workflowId: this.getWorkflow().id },
			);
		}
		if (records.length === 0) return null;
		const items = await recordsInGetShape(this, event, oldestFirst(records));
		staticData.cursor = advance(cursor, records);
		return [this.helpers.returnJsonArray(items)];
	}
}

/** "Fetch Test Event": the newest record, so fields can be mapped; the cursor is left alone. */
async function fetchTestEvent(context: IPollFunctions, event: PollEvent, qs: IDataObject) {
	const [newest] = await newestRecords(context, event, qs, 1);
	if (!newest) {
		throw new NodeOperationError(context.getNode(), `There is no ${event.noun} in Sophiie yet to show`, {
			description: `Create one in Sophiie, then fetch again. Once active, the trigger starts the workflow for each new ${event.noun}.`,
		});
	}
	return [context.helpers.returnJsonArray(await recordsInGetShape(context, event, [newest]))];
}
