import { createHash } from 'crypto';
import type { IPollFunctions } from 'n8n-workflow';

import { getConnection } from '../shared/transport';
import type { PollRead } from './newRecords';
import type { PollEvent } from './pollEvents';
import { CATCH_UP_MS, MAX_POLL_PAGES } from './pollEvents';

/** What keeps one trigger's polls apart, and what they report beside their items. */

/** Polls under way in this n8n process, by workflow and node. */
const running = new Set<string>();

/**
 * Runs the poll unless one of the same trigger is still running, in which
 * case this one returns nothing: the running poll emits what both would have.
 */
export async function oneAtATime<T>(context: IPollFunctions, poll: () => Promise<T | null>): Promise<T | null> {
	const key = `${context.getWorkflow().id}:${context.getNode().id}`;
	if (running.has(key)) {
		context.logger.debug('Sophiie Polling Trigger: the previous poll is still running; this one is skipped', {
			node: context.getNode().name,
			workflowId: context.getWorkflow().id,
		});
		return null;
	}
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
	}
}

/**
 * Which Sophiie the records come from: the credential, its token and the API
 * base URL, hashed. Part of the cursor's key, so another credential or
 * environment starts afresh instead of comparing against another list.
 */
export async function sourceOf(context: IPollFunctions): Promise<string> {
	const { credential, rateLimitKey, apiBaseUrl } = await getConnection(context);
	return createHash('sha256').update([credential.id, rateLimitKey, apiBaseUrl].join('\n')).digest('hex').slice(0, 16);
}

/** Poll contexts have no execution hints: what a poll skipped goes to n8n's log as a warning. */
export function warnAbout(context: IPollFunctions, event: PollEvent, read: PollRead) {
	const where = { node: context.getNode().name, workflowId: context.getWorkflow().id };
	const warn = (message: string) => context.logger.warn(`Sophiie Polling Trigger: ${message}`, where);
	if (read.unreadable.length > 0) {
		warn(`skipped ${read.unreadable.length} ${event.noun} record(s) without a readable createdAt (id ${read.unreadable.join(', ')}); the trigger cannot tell whether they are new`);
	}
	if (read.beyondCatchUp > 0) {
		warn(`${read.beyondCatchUp} ${event.noun} record(s) created more than ${CATCH_UP_MS / 3_600_000} hours ago, while the trigger was not polling, are not emitted`);
	}
	if (!read.complete) {
		warn(`more than ${MAX_POLL_PAGES} pages of new ${event.noun} records since the last poll; emitting the ${read.records.length} newest, older ones are skipped`);
	}
}
