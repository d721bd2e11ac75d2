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

function routesOf(kind: KnowledgeKind): Array<Route<HostContext>> {
	const { listKey, recordKey, noun } = kind;
	const list = `/v1/${listKey}`;
	const one = `/v1/${listKey}/:id`;
	const routes: Array<Route<HostContext>> = [
		{ method: 'GET', path: list, handle: (context) => listReply(listKey, collectionOf(context, kind).list(), context.query, knowledgeView) },
		{
			method: 'POST',
			path: list,
			handle: (context) => {
				const created = collectionOf(context, kind).create(context.body, context.state.store.now());
				return { status: 201, body: { [recordKey]: knowledgeView(created) } };
			},
		},
		{
			method: 'PUT',
			path: one,
			handle: (context, { id }) => {
				const record = requireRecord(context, kind, id);
				return ok({ [recordKey]: knowledgeView(collectionOf(context, kind).update(record, context.body, context.state.store.now())) });
			},
		},
		{
			method: 'DELETE',
			path: one,
			handle: (context, { id }) => {
				collectionOf(context, kind).remove(requireRecord(context, kind, id), context.state.store.now());
				return ok({ message: `${noun} deleted successfully` });
			},
		},
	];
	if (kind.hasGet) {
		routes.push({ method: 'GET', path: one, handle: (context, { id }) => ok({ [recordKey]: knowledgeView(requireRecord(context, kind, id)) }) });
	}
	return routes;
}

export const knowledgeRoutes: Array<Route<HostContext>> = KNOWLEDGE_KINDS.flatMap(routesOf);
