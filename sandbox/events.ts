import { HttpError } from './http';
import { syntheticEventData } from './samples';
import type { SandboxState } from './state';
import type { LeadRecord } from './store';
import { leadSummary } from './store';
import type { WebhookHub } from './webhooks';

/**
 * Events on demand, as if they happened in Sophiie: lead events change the
 * store (which delivers their webhooks); inquiry and appointment events
 * deliver synthetic data about an existing lead.
 */
export function fireEvent(
	{ state, webhooks }: { state: SandboxState; webhooks: WebhookHub },
	event: string,
	orgId = state.seed.organizations.acme.id,
	leadId?: string,
): unknown {
	const { store } = state;
	if (!store.organizations.has(orgId)) throw new HttpError(404);
	const userId = state.ownerOf(orgId);
	const existing = (): LeadRecord => {
		const lead = leadId ? store.findLead(orgId, leadId) : store.listLeads(orgId)[0];
		if (!lead) throw new HttpError(404);
		return lead;
	};
	if (event === 'LEAD_CREATED') {
		const n = store.listLeads(orgId).length + 1;
		const input = { firstName: 'Sam', lastName: `Sandbox ${n}`, email: `sam.sandbox.${Date.now()}.${n}@example.com`, suburb: 'Surry Hills' };
		return leadSummary(store.createLead(orgId, state.newLeadId(), input, userId));
	}
	if (event === 'LEAD_UPDATED') return leadSummary(store.updateLead(orgId, existing(), { suburb: 'Newtown' }, userId));
	if (event === 'LEAD_DELETED') {
		const lead = existing();
		store.deleteLead(orgId, lead, userId);
		return leadSummary(lead);
	}
	if (event !== 'INQUIRY_CREATED' && event !== 'APPOINTMENT_CREATED') throw new HttpError(400);
	const data = syntheticEventData(event, existing());
	webhooks.emit(orgId, event, data);
	return data;
}
