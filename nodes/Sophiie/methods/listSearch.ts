import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { pages } from '../../shared/transport';
import { ENDPOINTS } from '../../shared/endpoints';

/** While searching, read at most this many pages per call before handing back a token. */
const SEARCH_PAGES_PER_CALL = 5;

function leadLabel(lead: IDataObject): string {
	const name = [lead.firstName, lead.lastName].filter((part) => part).join(' ') || String(lead.id);
	return lead.email ? `${name} · ${String(lead.email)}` : name;
}

function matches(lead: IDataObject, filter: string): boolean {
	const haystack = [lead.firstName, lead.lastName, lead.email, lead.phone, lead.businessName, lead.id]
		.filter((value) => value !== undefined && value !== null)
		.join(' ')
		.toLowerCase();
	return filter
		.toLowerCase()
		.split(/\s+/)
		.every((word) => haystack.includes(word));
}

/**
 * Leads for the "From list" mode of the Lead locator, a page at a time.
 * Sophiie's list endpoint has no search parameter, so the search runs here.
 */
export async function searchLeads(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = filter?.trim() ?? '';
	const firstPage = Number(paginationToken) || 1;
	const results: INodeListSearchItems[] = [];
	let next = firstPage;
	for await (const { items, page, last } of pages.call(this, ENDPOINTS.lead.listPath, ENDPOINTS.lead.listKey, { firstPage, maxPages: search ? SEARCH_PAGES_PER_CALL : 1 })) {
		for (const lead of items) {
			if (search && !matches(lead, search)) continue;
			results.push({ name: leadLabel(lead), value: String(lead.id) });
		}
		if (last) return { results };
		next = page + 1;
	}
	return { results, paginationToken: String(next) };
}
