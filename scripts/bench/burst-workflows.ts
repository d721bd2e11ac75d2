/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import { randomUUID } from 'node:crypto';

import type { Harness } from '../harness/n8n';
import { sandboxCredentialRef } from '../harness/n8n';
import { sophiieTriggerNode, webhookNode } from '../harness/workflow-nodes';

/** The workflows and execution listing shared by `npm run bench:burst` and the trigger rows of `npm run bench`. */

export interface ListedExecution {
	id: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: { id?: string } }>> } }>> } };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function allExecutions(harness: Harness, workflowId: string, includeData = true): Promise<ListedExecution[]> {
	const found: ListedExecution[] = [];
	let cursor: string | undefined;
	for (let refused = 0; ; ) {
		const query = `workflowId=${workflowId}&includeData=${includeData}&limit=250${cursor ? `&cursor=${cursor}` : ''}`;
		const { status, body } = await harness.api<{ data: ListedExecution[]; nextCursor?: string | null }>('GET', `/executions?${query}`);
		if (status !== 200) {
			// n8n still digesting the burst (its database busy): ask again.
			if (++refused > 120) throw new Error(`Listing executions kept failing (${status})`);
			await pause(1_000);
			continue;
		}
		found.push(...body.data);
		cursor = body.nextCursor ?? undefined;
		if (!cursor) return found;
	}
}

export interface SettleRule {
	/** Stop once this many have finished; without it, once all listed have finished and stay so one poll. */
	expected?: number;
	/** Stop anyway after this many polls in a row without change: a queue job that never runs would hold the wait forever. */
	quietPolls: number;
	pollMs: number;
	includeData?: boolean;
}

/** The workflow's executions (finished or not) once they settle by `rule`. */
export async function settledExecutions(harness: Harness, workflowId: string, rule: SettleRule): Promise<ListedExecution[]> {
	let previous = '';
	for (let unchanged = 0; ; ) {
		const executions = await allExecutions(harness, workflowId, rule.includeData ?? true);
		const finished = executions.filter((execution) => execution.stoppedAt).length;
		const state = `${executions.length}/${finished}`;
		unchanged = state === previous ? unchanged + 1 : 0;
		const done = rule.expected === undefined ? finished === executions.length && unchanged >= 1 : finished >= rule.expected;
		if (done || unchanged >= rule.quietPolls) return executions;
		previous = state;
		await pause(rule.pollMs);
	}
}

/**
 * The node a real workflow has after its trigger: a Set node whose value is
 * an expression over the item, so that n8n evaluates one per execution.
 */
function expressionNode() {
	return {
		id: randomUUID(),
		name: 'Next step',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [240, 0],
		parameters: {
			mode: 'manual',
			includeOtherFields: false,
			assignments: { assignments: [{ id: 'e1', name: 'summary', type: 'string', value: '={{ Object.keys($json).join(",") + " at " + $now.toISO() }}' }] },
			options: {},
		},
	};
}

/** Nodes and connections of a workflow starting with `start`, then the expression node when asked. */
function shaped(start: { name: string }, withExpression: boolean) {
	if (!withExpression) return { nodes: [start], connections: {} };
	const next = expressionNode();
	return { nodes: [start, next], connections: { [start.name]: { main: [[{ node: next.name, type: 'main', index: 0 }]] } } };
}

export interface BurstWorkflowOptions {
	/** The event it is subscribed to (LEAD_CREATED by default; a custom name keeps several apart). */
	event?: string;
	/** Adds a next node that evaluates an expression, as real workflows do. */
	withExpression?: boolean;
	/** The trigger's typeVersion (its current one unless told). */
	typeVersion?: number;
}

/** An activated Sophiie Trigger workflow for one event, subscribed in the sandbox. */
export async function triggerWorkflow(harness: Harness, { event = 'LEAD_CREATED', withExpression = false, typeVersion }: BurstWorkflowOptions = {}): Promise<string> {
	const before = harness.sandbox.webhooks.list().length;
	const listed = event === 'LEAD_CREATED';
	const trigger = sophiieTriggerNode(
		randomUUID(),
		{ events: listed ? [event] : [], customEvents: listed ? '' : event, userId: 'usr_acme1' },
		{ sophiieApi: sandboxCredentialRef(harness.credentialId) },
		typeVersion,
	);
	const { body } = await harness.api<{ id: string }>('POST', '/workflows', {
		name: `burst: Sophiie Trigger${withExpression ? ' → expression' : ''}`,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		...shaped(trigger, withExpression),
	});
	await harness.api('POST', `/workflows/${body.id}/activate`);
	for (let tries = 0; harness.sandbox.webhooks.list().length === before; tries++) {
		if (tries > 100) throw new Error('The trigger did not subscribe');
		await pause(100);
	}
	return body.id;
}

/** A workflow "n8n Webhook node (answers on receipt)", activated: the floor a trigger's answer can reach in n8n. */
export async function webhookNodeWorkflow(harness: Harness, { withExpression = false }: BurstWorkflowOptions = {}): Promise<{ url: string; workflowId: string }> {
	const path = `floor-${randomUUID()}`;
	const { body } = await harness.api<{ id: string }>('POST', '/workflows', {
		name: `webhook node floor${withExpression ? ' → expression' : ''}`,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		...shaped(webhookNode(path, { responseMode: 'onReceived' }), withExpression),
	});
	await harness.api('POST', `/workflows/${body.id}/activate`);
	const url = `${harness.webhookUrl}/webhook/${path}`;
	for (let tries = 0; (await fetch(url, { method: 'POST' })).status === 404; tries++) {
		if (tries > 100) throw new Error(`${url} stayed 404 after activation`);
		await pause(100);
	}
	return { url, workflowId: body.id };
}
