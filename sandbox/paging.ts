import type { Reply } from './http';
import { HttpError } from './http';

/** Sophiie's documented list rules (sophiie-api.md §2): page ≥ 1 (default 1), limit 1..100 (default 50). */

export interface Paging {
	page: number;
	limit: number;
}

function parsePaging(query: URLSearchParams): Paging {
	const read = (name: string, fallback: number, max: number) => {
		const raw = query.get(name);
		if (raw === null) return fallback;
		if (!/^\d+$/.test(raw)) throw new HttpError(400);
		const value = Number(raw);
		if (value < 1 || value > max) throw new HttpError(400);
		return value;
	};
	return { page: read('page', 1, Number.MAX_SAFE_INTEGER), limit: read('limit', 50, 100) };
}

/** One page of `all` under `key`, with the documented totals. */
function paginate<T>(key: string, all: T[], { page, limit }: Paging, shape?: (item: T) => unknown) {
	const start = (page - 1) * limit;
	const items = all.slice(start, start + limit);
	return {
		[key]: shape ? items.map(shape) : items,
		totalPages: Math.ceil(all.length / limit),
		currentPage: page,
		totalCount: all.length,
	};
}

/** A whole documented list answer: the query's page of `all`. */
export function listReply<T>(key: string, all: T[], query: URLSearchParams, shape?: (item: T) => unknown): Reply {
	return { status: 200, body: paginate(key, all, parsePaging(query), shape) };
}
