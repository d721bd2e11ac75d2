import { randomBytes } from 'node:crypto';

import type { LeadRecord } from './shapes';
import { leadSummary } from './store';

/**
 * Payloads of the webhooks host. Only the appointment sample is documented
 * (sophiie-api.md §11, Z3); by Zapier's convention a sample mirrors what a
 * hook receives, so the same builders shape the `data` of deliveries.
 */

function leadDetails(lead: LeadRecord) {
	const { firstName, lastName, email, phone, businessName } = lead;
	const { line1, suburb, state, postcode } = lead.address;
	return { firstName, lastName, email, phone, businessName, address: `${line1}, ${suburb} ${state} ${postcode}` };
}

/** The documented Z3 item: "Get Recent Appointments". */
function appointmentFor(lead: LeadRecord, index: number, createdAt = lead.createdAt) {
	const originalId = String(456 + index);
	const start = new Date(Date.parse(createdAt) + 2 * 86_400_000);
	const end = new Date(start.getTime() + 3_600_000);
	const details = leadDetails(lead);
	return {
		id: `${originalId} - ${createdAt}`,
		originalId,
		title: `Site visit: ${lead.businessName}`,
		description: `Quote for ${lead.lastInquiry.summary}`,
		attendees: `${lead.email},team@sandbox.example.com`,
		start: start.toISOString(),
		end: end.toISOString(),
		leadId: lead.id,
		leadAddressId: 789 + index,
		formattedLeadAddress: details.address,
		leadName: `${lead.firstName} ${lead.lastName}`,
		leadDetails: details,
		summary: lead.lastInquiry.summary,
		status: 'scheduled',
		createdAt,
		updatedAt: createdAt,
	};
}

/** Not documented: an inquiry with key points, source and lead details, as the overview describes it. */
function inquiryFor(lead: LeadRecord, createdAt = lead.createdAt) {
	const { id, source, tag, summary, isFirstInquiry, isRead } = lead.lastInquiry;
	return {
		id,
		source,
		sourceId: `${source.toLowerCase()}_${id.slice(3)}`,
		tag,
		summary,
		keyPoints: [summary, `Lives in ${lead.suburb}`],
		isFirstInquiry,
		isRead,
		leadId: lead.id,
		leadDetails: leadDetails(lead),
		createdAt,
	};
}

export const leadSamples = (leads: LeadRecord[]) => leads.map(leadSummary);
export const appointmentSamples = (leads: LeadRecord[]) => leads.map((lead, index) => appointmentFor(lead, index));
export const inquirySamples = (leads: LeadRecord[]) => leads.map((lead) => inquiryFor(lead));

/** The `data` of an inquiry or appointment event fired on demand for a lead. */
export function syntheticEventData(event: 'INQUIRY_CREATED' | 'APPOINTMENT_CREATED', lead: LeadRecord) {
	const now = new Date().toISOString();
	return event === 'INQUIRY_CREATED'
		? { ...inquiryFor(lead, now), id: `in_${randomBytes(4).toString('hex')}` }
		: appointmentFor(lead, Math.floor(Math.random() * 1000), now);
}
