import type { IDataObject } from 'n8n-workflow';

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

/**
 * Reads a paginated list (`{ <listKey>: [...], totalPages, currentPage, totalCount }`)
 * until `totalPages` or `limit`. After the first page, the next few pages are
 * requested ahead at once, but pages are read strictly in order; an item whose
 * id was already returned is dropped (pages shift when new items arrive).
 */
export async function sophiieApiRequestAllItems(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: PaginateOptions = {},
): Promise<IDataObject[]> {
	const { limit, filter, onMoreLeft, ...requestOptions } = options;
	const pageSize =
		limit !== undefined && !filter ? Math.min(MAX_PAGE_SIZE, Math.max(1, limit)) : MAX_PAGE_SIZE;
	// Without a filter, a limit tells how many pages can be needed at most.
	const lastUsefulPage = limit !== undefined && !filter ? Math.ceil(limit / pageSize) : MAX_PAGES;
	const request = pageRequester(this, pathSegments, listKey, { ...requestOptions, pageSize });

	const seenIds = new Set<unknown>();
	const results: IDataObject[] = [];
	let pagesWithoutNewItems = 0;
	let totalPages = 1;

	for (let page = 1; page <= MAX_PAGES; page++) {
		const aheadUntil = Math.min(totalPages, lastUsefulPage, page + PAGES_REQUESTED_AHEAD);
		for (let ahead = page + 1; ahead <= aheadUntil; ahead++) void request(ahead);
		const current = await request(page, true);
		totalPages = current.totalPages;

		let newItems = 0;
		for (const [index, item] of current.items.entries()) {
			if (item.id !== undefined) {
				if (seenIds.has(item.id)) continue;
				seenIds.add(item.id);
			}
			newItems++;
			if (filter && !filter(item)) continue;
			results.push(item);
			if (limit !== undefined && results.length >= limit) {
				if (index < current.items.length - 1 || page < totalPages) onMoreLeft?.(filter ? undefined : current.totalCount);
				return results;
			}
		}
		if (current.items.length === 0 || page >= totalPages) return results;
		pagesWithoutNewItems = newItems === 0 ? pagesWithoutNewItems + 1 : 0;
		if (pagesWithoutNewItems >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
			throw await pageError(this, {
				message: `Sophiie returned ${MAX_PAGES_WITHOUT_NEW_ITEMS} pages in a row with nothing new (up to page ${page} of ${totalPages} of /v1/${pathSegments.join('/')})`,
				description: 'Stopped instead of reading the same items forever. Try again later.',
				itemIndex: options.itemIndex,
			});
		}
	}
	throw await pageError(this, {
		message: `Sophiie kept returning pages after ${MAX_PAGES} pages of /v1/${pathSegments.join('/')}`,
		description: 'Stopped to avoid an endless loop; the list may be changing faster than it can be read.',
		itemIndex: options.itemIndex,
	});
}

interface ListPage {
	items: IDataObject[];
	totalPages: number;
	/** The list's documented totalCount, when the page has it. */
	totalCount?: number;
}

/** Reads one page of a paginated list and checks its envelope. */
export async function sophiieApiRequestPage(
	this: SophiieContext,
	pathSegments: string[],
	listKey: string,
	options: SophiieRequestOptions,
): Promise<ListPage> {
	const body = await sophiieApiRequest.call(this, 'GET', pathSegments, options);
	const items = body[listKey];
	const totalPages = body.totalPages;
	if (!Array.isArray(items) || typeof totalPages !== 'number') {
		throw await pageError(this, {
			message: `Unexpected response from Sophiie: no "${listKey}" list or "totalPages" in the page`,
			description: `GET /v1/${pathSegments.join('/')} answered with keys: ${Object.keys(body).join(', ') || '(none)'}`,
			itemIndex: options.itemIndex,
		});
	}
	const totalCount = typeof body.totalCount === 'number' ? body.totalCount : undefined;
	return { items: items as IDataObject[], totalPages, totalCount };
}
