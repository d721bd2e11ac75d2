import type { IDataObject } from 'n8n-workflow';

import type { Endpoint } from '../../nodes/shared/endpoints';
import type { SophiieAnswer } from '../../nodes/shared/transport';
import type { SophiieClient } from './client';
import { answerSummary, isSuccess, objectOf } from './client';
import type { Findings } from './findings';
import type { Receiver } from './receiver';
import type { Scratch } from './scratch';

/** What every probe of the contract check works with. */
export interface CheckContext {
	client: SophiieClient;
	findings: Findings;
	scratch: Scratch;
	/** Whether scratch records may be created (`--write`). */
	write: boolean;
	/** "verify-sophiie 2026-12-06T19:30:00Z": the name every scratch record carries. */
	label: string;
	/** The label's time as letters and digits, for emails and unique names. */
	stamp: string;
	/** Says what the check is doing; throws Interrupted once Ctrl-C was pressed. */
	step(line: string): void;
	/** Waits, unless Ctrl-C is pressed meanwhile. */
	wait(ms: number): Promise<void>;
	account: Account;
	/** Where subscribed hooks point, and the check's own receiver when that is where. */
	hook: { url: string; receiver?: Receiver };
	/** How long to wait for a delivery. */
	deliveryWaitMs: number;
}

export interface Account {
	orgId: string;
	/** The member hooks are subscribed as (`user_id`). */
	memberId?: string;
	/** The first page of leads, newest first. */
	leads: IDataObject[];
}

export class Interrupted extends Error {
	constructor() {
		super('interrupted (Ctrl-C)');
	}
}

/** Deletes a scratch record: done when Sophiie answers 2xx or 404 (already gone), else an error naming the answer. */
export async function removeScratch(ctx: CheckContext, segments: string[]) {
	const answer = await ctx.client.api('DELETE', segments);
	if (!isSuccess(answer) && answer.status !== 404) throw new Error(`DELETE /v1/${segments.join('/')}: ${answerSummary(answer)}`);
}

/** An endpoint whose records can be made, updated and deleted one by one. */
export type RecordEndpoint = Endpoint & { recordPath: (id: string) => string[]; recordKey: string };

/** The record in a write's answer, and whether it came under the endpoint's key. */
export function recordIn(endpoint: RecordEndpoint, answer: SophiieAnswer) {
	const body = objectOf(answer.body);
	const wrapped = objectOf(body?.[endpoint.recordKey]);
	return { record: (wrapped ?? body) as IDataObject | undefined, wrapped: !!wrapped };
}

/**
 * Creates a scratch record, registered for removal under "<noun> <id>";
 * without `id` (and `name`) when Sophiie refused it or answered no id.
 */
export async function createScratch(ctx: CheckContext, endpoint: RecordEndpoint, body: IDataObject) {
	const answer = await ctx.client.api('POST', endpoint.listPath, { body });
	const { record, wrapped } = recordIn(endpoint, answer);
	const id = record?.id;
	if (!isSuccess(answer) || (typeof id !== 'number' && typeof id !== 'string')) return { answer, wrapped };
	const name = `${endpoint.noun} ${String(id)}`;
	ctx.scratch.add({ name, remove: () => removeScratch(ctx, endpoint.recordPath(String(id))) });
	return { answer, wrapped, record: record!, id: String(id), name };
}
