import { randomBytes } from 'node:crypto';

import { HttpError } from './http';
import type { OrganizationRecords } from './records';
import { appointmentOf, inquiryOf } from './records';
import { syntheticEventData } from './samples';
import type { SandboxState } from './state';
import type { LeadRecord } from './shapes';
import { leadSummary } from './store';
import type { WebhookHub } from './webhooks';

/**
 * Events on demand, as if they happened in Sophiie: lead events change the
 * store (which delivers their webhooks); inquiry and appointment events add
 * the record to its list (where List Inquiries / List Appointments show it)
 * and deliver the webhooks host's sample shape about the same lead.
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
	const lead = existing();
	addRecord(state, store.records.get(orgId)!, event, lead);
	const data = syntheticEventData(event, lead);
	webhooks.emit(orgId, event, data);
	return data;
}

/** The new inquiry or appointment in its list, newest first, stamped by the store's clock. */
function addRecord(state: SandboxState, records: OrganizationRecords, event: 'INQUIRY_CREATED' | 'APPOINTMENT_CREATED', lead: LeadRecord) {
	const createdAt = state.store.now();
	const hex = randomBytes(4).toString('hex');
	if (event === 'INQUIRY_CREATED') {
		records.inquiries.unshift(inquiryOf(lead, `in_${hex}`, 'CALL', createdAt, `Call about a job in ${lead.suburb}`));
		return;
	}
	const owner = state.store.members.get(lead.orgId)![0];
	const serialId = records.appointments.length + 1;
	const appointment = appointmentOf(lead.orgId.replace(/^org_/, ''), lead, serialId, owner);
	records.appointments.unshift({ ...appointment, id: `apt_${hex}`, serialId, createdAt });
}
