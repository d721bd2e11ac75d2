import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { inquirySourceFilter, triggerOptions } from '../shared/fields';
import { forgetConnection } from '../shared/transport';
import { advance, baseline, oldestFirst, storedCursor } from './cursor';
import { oneAtATime, sourceOf, warnAbout } from './pollGuards';
import { newestRecords, readNewRecords, recordsInGetShape } from './newRecords';
import type { PollEvent } from './pollEvents';
import { POLL_EVENTS } from './pollEvents';

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
					'Checks Sophiie on the schedule below. A poll that finds new records starts one execution, with one item per record, oldest first; each record comes once. After a pause (deactivated, or n8n stopped) it catches up on records from the last 24 hours. Works where Sophiie cannot reach n8n; the Sophiie Trigger reacts at once but needs a public URL.',
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
	 * The first poll of a cursor only notes where the list stands; each later
	 * poll emits what is new (cursor.ts), oldest first, then moves the cursor.
	 * The cursor moves only after every request of the poll succeeded, so a
	 * failed poll (429, 5xx, timeout) is caught up by the next one. One poll of
	 * a trigger runs at a time in an n8n process: n8n starts polls on schedule
	 * without waiting, and two from the same cursor would emit the same records.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		forgetConnection(this);
		const event = eventOf(this);
		const qs = filterQuery(this, event);
		if (this.getMode() === 'manual') return await fetchTestEvent(this, event, qs);
		return await oneAtATime(this, async () => await pollNewRecords(this, event, qs));
	}
}

/** Reads what is new since the cursor and moves it; null when nothing is. */
async function pollNewRecords(context: IPollFunctions, event: PollEvent, qs: IDataObject): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const list = `${event.value}:${JSON.stringify(qs)}`;
	const key = `${list}:${await sourceOf(context)}`;
	const staticData = context.getWorkflowStaticData('node');
	const cursor = storedCursor(staticData.cursor, list, key);
	if (!cursor) {
		staticData.cursor = baseline(key, await newestRecords(context, event, qs), now);
		return null;
	}
	const read = await readNewRecords(context, event, qs, cursor, now);
	warnAbout(context, event, read);
	const items = read.records.length > 0 ? await recordsInGetShape(context, event, oldestFirst(read.records)) : [];
	staticData.cursor = advance(cursor, read.records, now, read.unreadable);
	return items.length > 0 ? [context.helpers.returnJsonArray(items)] : null;
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
