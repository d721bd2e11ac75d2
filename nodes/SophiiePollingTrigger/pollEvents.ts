import type { Assumption } from '../shared/assumptions';
import type { Endpoint } from '../shared/endpoints';
import { ENDPOINTS } from '../shared/endpoints';

/**
 * What each event of the Sophiie Polling Trigger reads, and its limits. The
 * trigger relies on one thing Sophiie does not document: its lists come
 * newest first (by `createdAt`), roughly, as Sophiie's app shows them.
 * `readNewRecords` (newRecords.ts) stops after the first page that reaches
 * past the look-back window because of it; a record out of order within that
 * page, or late within the window, is still found.
 */
/** An event: a list endpoint (its record's Get gives the shape emitted, where there is one). */
export interface PollEvent extends Endpoint {
	value: string;
	name: string;
	description: string;
}

export const POLL_EVENTS: PollEvent[] = [
	{ value: 'newAppointment', name: 'New Appointment', description: 'An appointment (job) was booked', ...ENDPOINTS.appointment },
	{ value: 'newInquiry', name: 'New Inquiry', description: 'A call, email, chat, SMS or web form came in', ...ENDPOINTS.inquiry },
	{ value: 'newLead', name: 'New Lead', description: 'A lead was created', ...ENDPOINTS.lead },
];

/** How many pages one poll reads at most before it emits what it has (about 5,000 records). */
export const MAX_POLL_PAGES = 50;

/** How often one poll starts reading again from page 1 because records were deleted while it read. */
export const MAX_RESTARTS = 2;

/** Records fetched in their Get shape at the same time. */
export const DETAIL_CONCURRENCY = 4;

/**
 * How far before the newest record seen each poll looks again, for records
 * that appear late (written after a newer one, an inquiry stamped with the
 * call's start) or out of order. Their ids are kept that long.
 */
export const LOOK_BACK_MS = 60 * 60_000;

/** After a pause (deactivated, n8n stopped), records created longer ago than this are not emitted. */
export const CATCH_UP_MS = 24 * 60 * 60_000;

/** Ids kept in the cursor at most (the newest), whatever the look-back window holds. */
export const MAX_SEEN_IDS = MAX_POLL_PAGES * 100;

/** Ids of records with an unreadable `createdAt` kept, so each is warned about once (the newest). */
export const MAX_UNREADABLE_IDS = 100;

/** The Polling Trigger's row of the README's "Where Sophiie's docs are silent". */
export const POLLING_TRIGGER_ASSUMPTIONS: Assumption[] = [
	{
		id: 'list-order',
		topic: 'List order',
		documented: 'Not documented',
		assumed: 'Roughly newest first by `createdAt`; the Polling Trigger reads down to an hour before the newest record it has seen, to the end of the page that gets there ([`pollEvents.ts`](nodes/SophiiePollingTrigger/pollEvents.ts)).',
	},
];
