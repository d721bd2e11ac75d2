/**
 * Sophiie's list-and-record endpoints, written once: read by the operations,
 * the lead list search, the members dropdown and the polling trigger.
 * Paths are under `/v1`; a list answers `{ <listKey>: [...], totalPages, ... }`.
 */
export interface Endpoint {
	/** The list endpoint. */
	listPath: string[];
	/** The key of the records in the list's page. */
	listKey: string;
	/** What one record is called in messages. */
	noun: string;
	/** One record, when Sophiie has a Get for it. */
	recordPath?: (id: string) => string[];
}

export const ENDPOINTS = {
	lead: { listPath: ['leads'], listKey: 'leads', noun: 'lead', recordPath: (id: string) => ['leads', id] },
	inquiry: { listPath: ['inquiries'], listKey: 'inquiries', noun: 'inquiry', recordPath: (id: string) => ['inquiries', id] },
	appointment: { listPath: ['appointments'], listKey: 'appointments', noun: 'appointment' },
	member: { listPath: ['members'], listKey: 'members', noun: 'member' },
} satisfies Record<string, Endpoint>;
