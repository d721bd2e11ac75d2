/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never published: the rules for node code do not apply */
import type { Reply } from './http';
import { ok } from './http';

/**
 * How the sandbox answers where Sophiie's documentation is silent: one
 * setting of the one sandbox. `documented` answers as the package assumes
 * (the README's "Where Sophiie's docs are silent"); `different` is another
 * plausible Sophiie, which answers a handful of those open points another
 * way, so that the contract check is proven to tell them apart and the nodes
 * to work with both. Each field names the assumption it answers.
 */
export interface Dialect {
	name: DialectName;
	/** subscribe-response: what subscribe answers for a new hook. */
	subscribed(hookId: number): unknown;
	/** lead-duplicates: the fields no two live leads of an organization share (a second one is 409). */
	uniqueLeadFields: ReadonlyArray<'email' | 'phone'>;
	/** activity-event-types: the activity an update of a lead writes. */
	updateActivityEvent: string;
	/** transfer-enums: the transfer methods taken (any other is 400 Bad request); undefined takes any. */
	transferMethods?: readonly string[];
	/** faqs-policies: whether the FAQ list carries the counters. */
	faqListCounters: boolean;
	/** knowledge-deletes: what deleting a scenario, transfer, policy or FAQ answers. */
	knowledgeDeleted(noun: string): Reply;
}

export type DialectName = 'documented' | 'different';

export const DIALECTS: Record<DialectName, Dialect> = {
	documented: {
		name: 'documented',
		subscribed: (hookId) => ({ id: hookId }),
		uniqueLeadFields: ['email', 'phone'],
		updateActivityEvent: 'LEAD_UPDATED',
		faqListCounters: true,
		knowledgeDeleted: (noun) => ok({ message: `${noun} deleted successfully` }),
	},
	different: {
		name: 'different',
		// Wrapped like unsubscribe's `{ success: true }`.
		subscribed: (hookId) => ({ success: true, data: { hookId } }),
		// Only the email makes a duplicate: two leads may share a phone (a household, a switchboard).
		uniqueLeadFields: ['email'],
		updateActivityEvent: 'LEAD_EDITED',
		// Only the documented method: a cold transfer is not a thing here.
		transferMethods: ['WARM'],
		// The FAQ list is one page, without totalPages, currentPage or totalCount.
		faqListCounters: false,
		// A bare 204, as many REST APIs answer a delete.
		knowledgeDeleted: () => ({ status: 204, body: undefined }),
	},
};

/** The assumptions the `different` dialect answers otherwise: the contract check reports exactly these as differing. */
export const DIFFERENT_ASSUMPTIONS = [
	'subscribe-response',
	'lead-duplicates',
	'activity-event-types',
	'transfer-enums',
	'faqs-policies',
	'knowledge-deletes',
] as const;

export function dialectNamed(name: string | undefined): Dialect {
	if (name === undefined || name === '') return DIALECTS.documented;
	if (name !== 'documented' && name !== 'different') throw new Error(`Unknown sandbox dialect "${name}": documented or different`);
	return DIALECTS[name];
}

/** The dialect SOPHIIE_SANDBOX_DIALECT names (documented when unset): how `npm run dev` and the end-to-end suites start the sandbox. */
export function sandboxDialect(): DialectName {
	return dialectNamed(process.env.SOPHIIE_SANDBOX_DIALECT).name;
}
