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
