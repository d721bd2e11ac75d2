import type { IDataObject } from 'n8n-workflow';

import { CONTRACT_HINT } from '../assumptions';

import type { SophiieContext } from './connection';
import { getConnection } from './connection';
import type { ErrorDetails } from './errors';
import { apiError } from './errors';
import type { SophiieRequestOptions } from './request';
import { sophiieApiRequest } from './request';

/** Sophiie's documented maximum `limit` for list endpoints. */
export const MAX_PAGE_SIZE = 100;

/** Stops a server that never reports the last page from looping forever. */
const MAX_PAGES = 10_000;

/** How many pages after the one being read are requested at the same time. */
const PAGES_REQUESTED_AHEAD = 4;

/** Pages in a row that bring nothing new before the server is taken to be repeating itself. */
const MAX_PAGES_WITHOUT_NEW_ITEMS = 3;

/** An error about a list's pages, for a context whose connection (and so token) is already known. */
async function pageError(context: SophiieContext, details: ErrorDetails) {
	const { token } = await getConnection(context);
	return apiError(context.getNode(), token, details);
}

export interface PaginateOptions extends SophiieRequestOptions {
	/** Stop after this many items; fetch every page when undefined. */
	limit?: number;
	/** Keep only items for which this returns true (Sophiie has no server-side filter). */
	filter?: (item: IDataObject) => boolean;
	/**
	 * Called when the list stops at `limit` while Sophiie holds more, with the
	 * list's totalCount (undefined when unknown, or when a filter makes it moot).
	 */
	onMoreLeft?: (totalCount: number | undefined) => void;
}

/**
 * Requests pages of a list at most once each; a page requested ahead is kept
 * until it is read (`take`), in page order.
 */
function pageRequester(
	context: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: SophiieRequestOptions & { pageSize: number },
) {
	const { pageSize, ...requestOptions } = options;
	const requested = new Map<number, Promise<ListPage>>();
	return (page: number, take = false) => {
		let pending = requested.get(page);
		if (!pending) {
			pending = sophiieApiRequestPage.call(context, pathSegments, listKey, {
				...requestOptions,
				qs: { ...requestOptions.qs, page, limit: pageSize },
			});
			// Read (and so rethrown) later, in page order; never an unhandled rejection meanwhile.
			pending.catch(() => undefined);
			requested.set(page, pending);
		}
		if (take) requested.delete(page);
		return pending;
	};
}

export interface PagesOptions extends SophiieRequestOptions {
	/** The first page to read (default 1). */
	firstPage?: number;
	/** How many pages to read at most (default: until the last page, up to MAX_PAGES). */
	maxPages?: number;
	pageSize?: number;
	/** How many pages after the one being read are requested at the same time (default none). */
	readAhead?: number;
	/** The last page worth requesting ahead (a Limit needs no more). */
	readAheadUntil?: number;
}

/** One page as `pages` yields it. */
export interface ReadPage extends ListPage {
	page: number;
	/** The page's items not already yielded on an earlier page (pages shift when new items arrive). */
	fresh: IDataObject[];
	/** Whether this is the list's last page. */
	last: boolean;
}

/**
 * The one page loop: the pages of a list (`{ <listKey>: [...], totalPages,
 * currentPage, totalCount }`), in order, from `firstPage` until the last page
 * (by totalPages, or a short page when a list has no counters) or `maxPages`.
 * With `readAhead`, the next few pages are requested at once, but they are
 * still yielded strictly in order. A server that keeps sending
 * pages with nothing new stops with an error rather than being read forever.
 */
export async function* pages(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: PagesOptions = {},
): AsyncGenerator<ReadPage> {
	const { firstPage = 1, maxPages = MAX_PAGES, pageSize = MAX_PAGE_SIZE, readAhead = 0, readAheadUntil, ...requestOptions } = options;
	const request = pageRequester(this, pathSegments, listKey, { ...requestOptions, pageSize });
	const endPage = firstPage + Math.min(maxPages, MAX_PAGES) - 1;
	const seenIds = new Set<unknown>();
	let pagesWithoutNewItems = 0;
	let totalPages = firstPage;
	for (let page = firstPage; page <= endPage; page++) {
		const aheadUntil = Math.min(totalPages, endPage, readAheadUntil ?? endPage, page + readAhead);
		for (let ahead = page + 1; ahead <= aheadUntil; ahead++) void request(ahead);
		const current = await request(page, true);
		// A list without counters has no pages to read ahead, and ends at a short page.
		totalPages = current.totalPages ?? page;
		const fresh = current.items.filter((item) => {
			if (item.id === undefined) return true;
			if (seenIds.has(item.id)) return false;
			seenIds.add(item.id);
			return true;
		});
		const last = current.items.length === 0 || (current.totalPages === undefined ? current.items.length < pageSize : page >= totalPages);
		yield { ...current, page, fresh, last };
		if (last) return;
		pagesWithoutNewItems = fresh.length === 0 ? pagesWithoutNewItems + 1 : 0;
		if (pagesWithoutNewItems >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
			throw await pageError(this, {
				message: `Sophiie returned ${MAX_PAGES_WITHOUT_NEW_ITEMS} pages in a row with nothing new (up to page ${page} of ${totalPages} of /v1/${pathSegments.join('/')})`,
				description: 'Stopped instead of reading the same items forever. Try again later.',
				itemIndex: options.itemIndex,
			});
		}
	}
	if (maxPages >= MAX_PAGES) {
		throw await pageError(this, {
			message: `Sophiie kept returning pages after ${MAX_PAGES} pages of /v1/${pathSegments.join('/')}`,
			description: 'Stopped to avoid an endless loop; the list may be changing faster than it can be read.',
			itemIndex: options.itemIndex,
		});
	}
}

/**
 * Every item of a list (Return All), or the first `limit`: a loop over `pages`,
 * the next pages requested ahead.
 */
export async function sophiieApiRequestAllItems(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: PaginateOptions = {},
): Promise<IDataObject[]> {
	const { limit, filter, onMoreLeft, ...requestOptions } = options;
	const pageSize = limit !== undefined && !filter ? Math.min(MAX_PAGE_SIZE, Math.max(1, limit)) : MAX_PAGE_SIZE;
	// Without a filter, a limit tells how many pages are worth requesting ahead.
	const readAheadUntil = limit !== undefined && !filter ? Math.ceil(limit / pageSize) : undefined;
	const results: IDataObject[] = [];
	const read = pages.call(this, pathSegments, listKey, { ...requestOptions, pageSize, readAhead: PAGES_REQUESTED_AHEAD, readAheadUntil });
	for await (const current of read) {
		for (const [index, item] of current.fresh.entries()) {
			if (filter && !filter(item)) continue;
			results.push(item);
			if (limit !== undefined && results.length >= limit) {
				if (index < current.fresh.length - 1 || !current.last) onMoreLeft?.(filter ? undefined : current.totalCount);
				return results;
			}
		}
	}
	return results;
}

interface ListPage {
	items: IDataObject[];
	/** The list's documented totalPages; undefined when a page comes without the counters. */
	totalPages?: number;
	/** The list's documented totalCount, when the page has it. */
	totalCount?: number;
}

/** Reads one page of a paginated list and checks its envelope. */
async function sophiieApiRequestPage(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: SophiieRequestOptions,
): Promise<ListPage> {
	const body = await sophiieApiRequest.call(this, 'GET', pathSegments, options);
	const items = body[listKey];
	if (!Array.isArray(items)) {
		throw await pageError(this, {
			message: `Unexpected response from Sophiie: no "${listKey}" list in the page`,
			description: `GET /v1/${pathSegments.join('/')} answered with keys: ${Object.keys(body).join(', ') || '(none)'}. ${CONTRACT_HINT}`,
			itemIndex: options.itemIndex,
		});
	}
	const counter = (name: string) => (typeof body[name] === 'number' ? (body[name] as number) : undefined);
	return { items: items as IDataObject[], totalPages: counter('totalPages'), totalCount: counter('totalCount') };
}
