import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { Endpoint } from '../../shared/endpoints';
import { ENDPOINTS } from '../../shared/endpoints';
import { recordSearchMethod } from '../../shared/fields';
import { pages } from '../../shared/transport';

/** While searching, read at most this many pages per call before handing back a token. */
const SEARCH_PAGES_PER_CALL = 5;

/** How a list's records are shown and searched in a "From list" dropdown. */
interface Listing {
	label: (record: IDataObject) => string;
	/** The values a search looks in. */
	searched: (record: IDataObject) => unknown[];
}

function matches(values: unknown[], filter: string): boolean {
	const haystack = values
		.filter((value) => value !== undefined && value !== null)
		.join(' ')
		.toLowerCase();
	return filter
		.toLowerCase()
		.split(/\s+/)
		.every((word) => haystack.includes(word));
}

/**
 * Records for a "From list" mode, a page at a time. Sophiie's list endpoints
 * have no search parameter, so the search runs here, over at most
 * SEARCH_PAGES_PER_CALL pages per call.
 */
async function searchList(
	context: ILoadOptionsFunctions,
	endpoint: Endpoint,
	listing: Listing,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = filter?.trim() ?? '';
	const firstPage = Number(paginationToken) || 1;
	const results: INodeListSearchItems[] = [];
	let next = firstPage;
	const maxPages = search ? SEARCH_PAGES_PER_CALL : 1;
	for await (const { items, page, last } of pages.call(context, endpoint.listPath, endpoint.listKey, { firstPage, maxPages })) {
		for (const record of items) {
			if (search && !matches(listing.searched(record), search)) continue;
			results.push({ name: listing.label(record), value: String(record.id) });
		}
		if (last) return { results };
		next = page + 1;
	}
	return { results, paginationToken: String(next) };
}

const leadListing: Listing = {
	label: (lead) => {
		const name = [lead.firstName, lead.lastName].filter((part) => part).join(' ') || String(lead.id);
		return lead.email ? `${name} · ${String(lead.email)}` : name;
	},
	searched: (lead) => [lead.firstName, lead.lastName, lead.email, lead.phone, lead.businessName, lead.id],
};

/** Leads as "First Last · email", searched by name, email, phone, business name or id. */
export async function searchLeads(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchList(this, ENDPOINTS.lead, leadListing, filter, paginationToken);
}

/** Records with whole-number ids, by their label field (a scenario's name, an FAQ's question…) or id. */
function recordListing({ labelField = 'id' }: Endpoint): Listing {
	return {
		label: (record) => `${String(record[labelField] ?? record.id)} (#${String(record.id)})`,
		searched: (record) => [record[labelField], record.id],
	};
}

/** The search of every record locator, under the name the locator asks for (`searchScenarios`…). */
export const recordSearches = Object.fromEntries(
	Object.values(ENDPOINTS as Record<string, Endpoint>)
		.filter((endpoint) => endpoint.idFormat === 'number')
		.map((endpoint) => [
			recordSearchMethod(endpoint),
			async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				return await searchList(this, endpoint, recordListing(endpoint), filter, paginationToken);
			},
		]),
);
