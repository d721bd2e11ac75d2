import type { Route } from '../http';
import { HttpError, ok } from '../http';
import type { KnowledgeCollection, KnowledgeKind } from '../knowledge';
import { KNOWLEDGE_KINDS, knowledgeView } from '../knowledge';
import { listReply } from '../paging';
import type { HostContext } from './context';

/** The `/v1` API's scenarios, transfers, policies and FAQs (sophiie-api.md §10): list, get, create, update, delete. */

const collectionOf = ({ state, orgId }: HostContext, kind: KnowledgeKind): KnowledgeCollection =>
	state.store.records.get(orgId)!.knowledge[kind.listKey];

function requireRecord(context: HostContext, kind: KnowledgeKind, id: string) {
	const record = collectionOf(context, kind).find(id);
	if (!record) throw new HttpError(404);
	return record;
}

/** A transfer's method the dialect does not take is 400 Bad request. */
function assertDialectTakes({ state, body }: HostContext, kind: KnowledgeKind) {
	const methods = state.dialect.transferMethods;
	const method = (body as { method?: unknown } | undefined)?.method;
	if (kind.listKey === 'transfers' && methods && method !== undefined && !methods.includes(String(method))) throw new HttpError(400);
}

/** The list's page; without its counters where the dialect's FAQ list has none. */
function listOf(context: HostContext, kind: KnowledgeKind) {
	const reply = listReply(kind.listKey, collectionOf(context, kind).list(), context.query, knowledgeView);
	if (kind.listKey !== 'faqs' || context.state.dialect.faqListCounters) return reply;
	return ok({ [kind.listKey]: (reply.body as Record<string, unknown>)[kind.listKey] });
}

function routesOf(kind: KnowledgeKind): Array<Route<HostContext>> {
	const { listKey, recordKey, noun } = kind;
	const list = `/v1/${listKey}`;
	const one = `/v1/${listKey}/:id`;
	const routes: Array<Route<HostContext>> = [
		{ method: 'GET', path: list, handle: (context) => listOf(context, kind) },
		{
			method: 'POST',
			path: list,
			handle: (context) => {
				assertDialectTakes(context, kind);
				const created = collectionOf(context, kind).create(context.body, context.state.store.now());
				return { status: 201, body: { [recordKey]: knowledgeView(created) } };
			},
		},
		{
			method: 'PUT',
			path: one,
			handle: (context, { id }) => {
				const record = requireRecord(context, kind, id);
				assertDialectTakes(context, kind);
				return ok({ [recordKey]: knowledgeView(collectionOf(context, kind).update(record, context.body, context.state.store.now())) });
			},
		},
		{
			method: 'DELETE',
			path: one,
			handle: (context, { id }) => {
				collectionOf(context, kind).remove(requireRecord(context, kind, id), context.state.store.now());
				return context.state.dialect.knowledgeDeleted(noun);
			},
		},
	];
	if (kind.hasGet) {
		routes.push({ method: 'GET', path: one, handle: (context, { id }) => ok({ [recordKey]: knowledgeView(requireRecord(context, kind, id)) }) });
	}
	return routes;
}

export const knowledgeRoutes: Array<Route<HostContext>> = KNOWLEDGE_KINDS.flatMap(routesOf);
