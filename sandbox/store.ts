import type { Dialect } from './dialect';
import type { OrganizationRecords } from './records';
import type { Activity, LeadRecord, Member, Note, Organization } from './shapes';

/**
 * The sandbox's in-memory Sophiie: organizations, members, leads, notes and
 * activities, with the documented shapes (sophiie-api.md §4, §7). Every read
 * and write is scoped to one organization, as Sophiie scopes it to the API key.
 */

/** Fields a client may write with POST/PUT /v1/leads (third-party list; Sophiie's schema is unpublished). */
export const WRITABLE_LEAD_FIELDS = [
	'firstName',
	'lastName',
	'email',
	'phone',
	'suburb',
	'businessName',
] as const;

export type LeadInput = Partial<Record<(typeof WRITABLE_LEAD_FIELDS)[number], string>> & {
	socials?: Record<string, string>;
};

export class ConflictError extends Error {}

export class SophiieStore {
	readonly organizations = new Map<string, Organization>();
	readonly members = new Map<string, Member[]>();
	/** Inquiries, appointments, catalogues, company notes and SMS, per organization. */
	readonly records = new Map<string, OrganizationRecords>();
	private readonly leads = new Map<string, LeadRecord>();
	/** Per org, newest lead first (the order GET /v1/leads returns). */
	private readonly leadOrder = new Map<string, string[]>();
	private readonly notes = new Map<string, Note[]>();
	private readonly activities = new Map<string, Activity[]>();
	private nextActivityId = 1;
	private nextNoteId = 1;
	private clock: number;
	/** While set, every record gets this timestamp: several records in one millisecond. */
	private frozenAt?: number;
	/** Called after every lead mutation, e.g. to deliver webhooks. */
	onLeadEvent?: (orgId: string, event: string, lead: LeadRecord) => void;

	constructor(
		startTime: number,
		private readonly dialect: Dialect,
	) {
		this.clock = startTime;
	}

	/** A strictly increasing timestamp, so ordering by time is total, unless the clock is frozen. */
	now(): string {
		if (this.frozenAt !== undefined) return new Date(this.frozenAt).toISOString();
		this.clock = Math.max(this.clock + 1, Date.now());
		return new Date(this.clock).toISOString();
	}

	/** Freezes the clock at its next instant (every record made meanwhile shares it), or lets it run again. */
	freezeClock(frozen: boolean) {
		this.frozenAt = undefined;
		if (frozen) this.frozenAt = Date.parse(this.now());
	}

	addOrganization(org: Organization, members: Member[]) {
		this.organizations.set(org.id, org);
		this.members.set(org.id, members);
		this.leadOrder.set(org.id, []);
	}

	insertLead(lead: LeadRecord) {
		this.leads.set(lead.id, lead);
		this.leadOrder.get(lead.orgId)!.unshift(lead.id);
		this.activities.set(lead.id, []);
		this.notes.set(lead.id, []);
	}

	hasLeadId(id: string): boolean {
		return this.leads.has(id);
	}

	addActivity(leadId: string, activity: Omit<Activity, 'id' | 'leadId'>): Activity {
		const record = { id: this.nextActivityId++, leadId, ...activity };
		this.activities.get(leadId)!.unshift(record);
		return record;
	}

	addNote(leadId: string, note: Omit<Note, 'id' | 'leadId'>): Note {
		const record = { id: this.nextNoteId++, leadId, ...note };
		this.notes.get(leadId)!.unshift(record);
		return record;
	}

	/** A live lead of this organization; deleted and foreign leads do not exist. */
	findLead(orgId: string, leadId: string): LeadRecord | undefined {
		const lead = this.leads.get(leadId);
		return lead && lead.orgId === orgId && !lead.deletedAt ? lead : undefined;
	}

	listLeads(orgId: string): LeadRecord[] {
		return this.leadOrder
			.get(orgId)!
			.map((id) => this.leads.get(id)!)
			.filter((lead) => !lead.deletedAt);
	}

	listActivities(leadId: string): Activity[] {
		return this.activities.get(leadId) ?? [];
	}

	listNotes(leadId: string): Note[] {
		return this.notes.get(leadId) ?? [];
	}

	/** A 409 when a field the dialect keeps unique (email any case, phone) is already another live lead's. */
	private assertUnique(orgId: string, input: LeadInput, exceptId?: string) {
		const unique = this.dialect.uniqueLeadFields;
		for (const other of this.listLeads(orgId)) {
			if (other.id === exceptId) continue;
			if (unique.includes('email') && input.email && other.email.toLowerCase() === input.email.toLowerCase()) {
				throw new ConflictError(`email already used by ${other.id}`);
			}
			if (unique.includes('phone') && input.phone && other.phone === input.phone) {
				throw new ConflictError(`phone already used by ${other.id}`);
			}
		}
	}

	createLead(orgId: string, id: string, input: LeadInput, userId: string): LeadRecord {
		this.assertUnique(orgId, input);
		const createdAt = this.now();
		const lead: LeadRecord = {
			id,
			orgId,
			firstName: input.firstName ?? '',
			lastName: input.lastName ?? '',
			email: input.email ?? '',
			phone: input.phone ?? '',
			suburb: input.suburb ?? '',
			businessName: input.businessName ?? '',
			socials: { ...input.socials },
			status: 'active',
			createdAt,
			read: false,
			lastInquiryId: '',
			lastInquiryDate: createdAt,
			unreadEmails: 0,
			unreadCalls: 0,
			unreadChatbotThreads: 0,
			unreadSMS: 0,
			unreadWebformSubmissions: 0,
			hasFlaggedInquiry: false,
			address: { line1: '', line2: '', suburb: input.suburb ?? '', state: '', postcode: '', country: '' },
			tags: [],
			lastInquiry: { id: '', tag: '', summary: '', isFirstInquiry: true, source: '', isRead: false },
		};
		this.insertLead(lead);
		this.addActivity(id, { event: 'LEAD_CREATED', data: 'Lead created via API', referenceId: id, userId, createdAt });
		this.onLeadEvent?.(orgId, 'LEAD_CREATED', lead);
		return lead;
	}

	updateLead(orgId: string, lead: LeadRecord, input: LeadInput, userId: string): LeadRecord {
		this.assertUnique(orgId, input, lead.id);
		const changed: string[] = [];
		for (const field of WRITABLE_LEAD_FIELDS) {
			if (input[field] !== undefined) {
				lead[field] = input[field]!;
				changed.push(field);
			}
		}
		if (input.socials) {
			lead.socials = { ...lead.socials, ...input.socials };
			changed.push('socials');
		}
		if (input.suburb !== undefined) lead.address.suburb = input.suburb;
		this.addActivity(lead.id, {
			event: this.dialect.updateActivityEvent,
			data: changed.length ? `Updated ${changed.join(', ')}` : 'No changes',
			referenceId: lead.id,
			userId,
			createdAt: this.now(),
		});
		this.onLeadEvent?.(orgId, 'LEAD_UPDATED', lead);
		return lead;
	}

	deleteLead(orgId: string, lead: LeadRecord, userId: string) {
		lead.deletedAt = this.now();
		this.addActivity(lead.id, {
			event: 'LEAD_DELETED',
			data: 'Lead deleted via API',
			referenceId: lead.id,
			userId,
			createdAt: lead.deletedAt,
		});
		this.onLeadEvent?.(orgId, 'LEAD_DELETED', lead);
	}
}

/** The documented "Lead (summary)" shape, as create/update return it inside `{ lead }`. */
export function leadSummary(lead: LeadRecord) {
	const { id, firstName, lastName, email, phone, suburb, businessName, socials, status, createdAt } = lead;
	return { id, firstName, lastName, email, phone, suburb, businessName, socials, status, createdAt };
}

/** The documented "Lead (list item)" shape: summary plus inquiry statistics. */
export function leadListItem(lead: LeadRecord) {
	return {
		...leadSummary(lead),
		read: lead.read,
		lastInquiryId: lead.lastInquiryId,
		lastInquiryDate: lead.lastInquiryDate,
		unreadEmails: lead.unreadEmails,
		unreadCalls: lead.unreadCalls,
		unreadChatbotThreads: lead.unreadChatbotThreads,
		unreadSMS: lead.unreadSMS,
		unreadWebformSubmissions: lead.unreadWebformSubmissions,
		hasFlaggedInquiry: lead.hasFlaggedInquiry,
	};
}

/** The documented "Lead (detail)" shape returned by GET /v1/leads/{id}. */
export function leadDetail(lead: LeadRecord) {
	return {
		...leadListItem(lead),
		defaultLeadAddress: { address: { ...lead.address } },
		tags: lead.tags.map((tag) => ({ ...tag })),
		lastInquiry: { ...lead.lastInquiry },
	};
}
