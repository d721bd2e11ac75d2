import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Endpoint } from '../../shared/endpoints';
import { pages } from '../../shared/transport';

/** How well a record matches: `best` ends the search, a `fallback` is kept in case no best comes. */
export type MatchRank = 'best' | 'fallback' | undefined;

export interface ListSearchResult {
	/** The first best match, else the first fallback. */
	match?: IDataObject;
	/** How many pages were requested. */
	pagesRead: number;
	/** Whether the whole list was read (false when `maxPages` stopped the search first). */
	complete: boolean;
}

/**
 * Reads a list page by page (100 records each, one request at a time, so
 * nothing is requested past the match) until a best match, the last page or
 * `maxPages`. Sophiie's lists have no search filter, so this is how a record
 * is found by a field's value.
 */
export async function findInList(
	this: IExecuteFunctions,
	endpoint: Endpoint,
	rank: (record: IDataObject) => MatchRank,
	{ maxPages, itemIndex }: { maxPages: number; itemIndex: number },
): Promise<ListSearchResult> {
	let fallback: IDataObject | undefined;
	let pagesRead = 0;
	for await (const { fresh, last } of pages.call(this, endpoint.listPath, endpoint.listKey, { maxPages, itemIndex })) {
		pagesRead++;
		for (const record of fresh) {
			const found = rank(record);
			if (found === 'best') return { match: record, pagesRead, complete: last };
			if (found === 'fallback') fallback ??= record;
		}
		if (last) return { match: fallback, pagesRead, complete: true };
	}
	return { match: fallback, pagesRead, complete: false };
}
