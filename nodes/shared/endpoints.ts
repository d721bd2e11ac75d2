/**
 * Sophiie's list-and-record endpoints, written once: read by the operations,
 * the "From list" searches, the members dropdown, the polling trigger and the
 * sandbox's route tests. Paths are under `/v1`; a list answers
 * `{ <listKey>: [...], totalPages, currentPage, totalCount }`.
 */
export interface Endpoint {
	/** The list endpoint. */
	listPath: string[];
	/** The key of the records in the list's page. */
	listKey: string;
	/** What one record is called in messages. */
	noun: string;
	/** How its ids look: Sophiie's prefixed text (`ld_abc123`) or whole numbers (`42`). */
	idFormat: 'prefixed' | 'number';
	/** One record's path, for its Update and Delete (and its Get, when `hasGet`). */
	recordPath?: (id: string) => string[];
	/** Whether Sophiie documents a Get of one record at `recordPath`. */
	hasGet?: boolean;
	/** The key one record may come under in an answer (`{ "scenario": {...} }`). */
	recordKey?: string;
	/** The field that names a record in a "From list" dropdown. */
	labelField?: string;
}

const under = (...segments: string[]) => (id: string) => [...segments, id];

export const ENDPOINTS = {
	lead: { listPath: ['leads'], listKey: 'leads', noun: 'lead', idFormat: 'prefixed', recordPath: under('leads'), hasGet: true, recordKey: 'lead' },
	inquiry: { listPath: ['inquiries'], listKey: 'inquiries', noun: 'inquiry', idFormat: 'prefixed', recordPath: under('inquiries'), hasGet: true },
	appointment: { listPath: ['appointments'], listKey: 'appointments', noun: 'appointment', idFormat: 'prefixed' },
	member: { listPath: ['members'], listKey: 'members', noun: 'member', idFormat: 'prefixed' },
	scenario: {
		listPath: ['scenarios'],
		listKey: 'scenarios',
		noun: 'scenario',
		idFormat: 'number',
		recordPath: under('scenarios'),
		hasGet: true,
		recordKey: 'scenario',
		labelField: 'name',
	},
	transfer: {
		listPath: ['transfers'],
		listKey: 'transfers',
		noun: 'transfer',
		idFormat: 'number',
		recordPath: under('transfers'),
		hasGet: true,
		recordKey: 'transfer',
		labelField: 'label',
	},
	// Sophiie documents no Get of one policy or FAQ; their answers' record keys are assumed by analogy.
	policy: { listPath: ['policies'], listKey: 'policies', noun: 'policy', idFormat: 'number', recordPath: under('policies'), recordKey: 'policy', labelField: 'title' },
	faq: { listPath: ['faqs'], listKey: 'faqs', noun: 'FAQ', idFormat: 'number', recordPath: under('faqs'), recordKey: 'faq', labelField: 'question' },
} satisfies Record<string, Endpoint>;

/** The record in an answer about one record: under its `recordKey` when Sophiie puts it there, else the answer itself. */
export function recordOf(endpoint: Endpoint, response: Record<string, unknown>): Record<string, unknown> {
	const wrapped = endpoint.recordKey ? response[endpoint.recordKey] : undefined;
	return wrapped && typeof wrapped === 'object' && !Array.isArray(wrapped) ? (wrapped as Record<string, unknown>) : response;
}
