import type { Route } from '../http';
import { HttpError, ok } from '../http';
import { listReply } from '../paging';
import type { LeadInput } from '../store';
import { WRITABLE_LEAD_FIELDS, leadDetail, leadListItem, leadSummary } from '../store';
import type { HostContext } from './context';

/** The `/v1` API's organization, members and lead endpoints (sophiie-api.md §4, §7). */

function readSocials(socials: unknown): Record<string, string> {
	if (!socials || typeof socials !== 'object' || Array.isArray(socials)) throw new HttpError(400);
	const read: Record<string, string> = {};
	for (const [name, value] of Object.entries(socials)) {
		if (typeof value !== 'string') throw new HttpError(400);
		read[name] = value;
	}
	return read;
}

function readLeadInput(body: unknown): LeadInput {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400);
	const source = body as Record<string, unknown>;
	const input: LeadInput = {};
	for (const field of WRITABLE_LEAD_FIELDS) {
		const value = source[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') throw new HttpError(400);
		input[field] = value;
	}
	if (source.socials !== undefined) input.socials = readSocials(source.socials);
	return input;
}

function requireLead({ state, orgId }: HostContext, leadId: string) {
	const lead = state.store.findLead(orgId, leadId);
	if (!lead) throw new HttpError(404);
	return lead;
}

function createLead({ state, orgId, body }: HostContext) {
	const input = readLeadInput(body);
	// The documented example sends only firstName; the third-party client requires it too.
	if (!input.firstName?.trim()) throw new HttpError(400);
	const lead = state.store.createLead(orgId, state.newLeadId(), input, state.ownerOf(orgId));
	return { status: 201, body: { lead: leadSummary(lead) } };
}

export const leadRoutes: Array<Route<HostContext>> = [
	{ method: 'GET', path: '/v1/organization', handle: ({ state, orgId }) => ok(state.store.organizations.get(orgId)) },
	{
		method: 'GET',
		path: '/v1/members',
		handle: ({ state, orgId, query }) => listReply('members', state.store.members.get(orgId)!, query),
	},
	{
		method: 'GET',
		path: '/v1/leads',
		handle: ({ state, orgId, query }) => listReply('leads', state.store.listLeads(orgId), query, leadListItem),
	},
	{ method: 'POST', path: '/v1/leads', handle: createLead },
	{ method: 'GET', path: '/v1/leads/:leadId', handle: (context, { leadId }) => ok(leadDetail(requireLead(context, leadId))) },
	{
		method: 'PUT',
		path: '/v1/leads/:leadId',
		handle: (context, { leadId }) => {
			const { state, orgId, body } = context;
			const lead = requireLead(context, leadId);
			const updated = state.store.updateLead(orgId, lead, readLeadInput(body), state.ownerOf(orgId));
			return ok({ lead: leadSummary(updated) });
		},
	},
	{
		method: 'DELETE',
		path: '/v1/leads/:leadId',
		handle: (context, { leadId }) => {
			context.state.store.deleteLead(context.orgId, requireLead(context, leadId), context.state.ownerOf(context.orgId));
			return ok({ message: 'Lead deleted successfully' });
		},
	},
	{
		method: 'GET',
		path: '/v1/leads/:leadId/activities',
		handle: (context, { leadId }) =>
			listReply('activities', context.state.store.listActivities(requireLead(context, leadId).id), context.query),
	},
	{
		method: 'GET',
		path: '/v1/leads/:leadId/notes',
		handle: (context, { leadId }) =>
			listReply('notes', context.state.store.listNotes(requireLead(context, leadId).id), context.query),
	},
];
