import { randomUUID } from 'node:crypto';

/**
 * n8n's own Webhook node (v2) as the start of a harness workflow: a POST to
 * `/webhook/<path>` runs it. `response` is the node's responseMode and
 * responseData (e.g. `{ responseMode: 'lastNode', responseData: 'allEntries' }`).
 */
export function webhookNode(path: string, response: { responseMode: string; responseData?: string }) {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, ...response, options: {} },
	};
}

/** The Sophiie Trigger as a harness workflow's only node (its current version unless told), with a fixed webhookId so its URL is known. */
export function sophiieTriggerNode(webhookId: string, parameters: Record<string, unknown>, credentials: Record<string, unknown>, typeVersion = 1.1) {
	return {
		id: randomUUID(),
		name: 'Sophiie Trigger',
		type: 'n8n-nodes-sophiie.sophiieTrigger',
		typeVersion,
		position: [0, 0],
		webhookId,
		parameters,
		credentials,
	};
}

/**
 * The Sophiie Polling Trigger as a harness workflow's only node. Its schedule
 * (hourly, half an hour from now) stays out of a test's way: tests poll on
 * demand by activating the workflow, since n8n polls once on activation.
 */
export function sophiiePollingTriggerNode(parameters: Record<string, unknown>, credentials: Record<string, unknown>) {
	const minute = (new Date().getUTCMinutes() + 30) % 60;
	return {
		id: randomUUID(),
		name: 'Sophiie Polling Trigger',
		type: 'n8n-nodes-sophiie.sophiiePollingTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyHour', minute }] }, ...parameters },
		credentials,
	};
}
