import type { Knowledge } from './knowledge-seed';
import { availabilityOf, seedKnowledge } from './knowledge-seed';
import type { LeadRecord, Member } from './shapes';

/**
 * The rest of an organization's documented data (sophiie-api.md §5–§9):
 * inquiries, appointments, organization members, product and service
 * catalogues, company notes, the SMS messages and calls sent through the
 * API, business hours, and what the AI receptionist knows (knowledge.ts).
 * Seeded from the leads by index, so the seed stays deterministic.
 */

export const INQUIRY_SOURCES = ['CALL', 'EMAIL', 'CHATBOT', 'SMS', 'WEBFORM'] as const;

export interface Inquiry {
	id: string;
	source: (typeof INQUIRY_SOURCES)[number];
	sourceId: string;
	tag: string;
	summary: string;
	isFirstInquiry: boolean;
	isRead: boolean;
	leadId: string;
	createdAt: string;
	/** Not documented beyond its name: the inquiry in the system it came from. */
	externalInquiryId: string;
	/** The polymorphic source data of Get Inquiry (documented for CALL only). */
	data: Record<string, unknown>;
}

export interface Appointment {
	id: string;
	serialId: number;
	title: string;
	description: string;
	start: string;
	end: string;
	status: string;
	leadId: string;
	attendees: string[];
	tradeService: { id: number; name: string };
	notes: string;
	customerNotes: string;
	isRescheduled: boolean;
	createdAt: string;
}

export interface OrganizationMember {
	id: number;
	role: string;
	firstName: string;
	lastName: string;
	position: string;
	avatarImg: string;
	isDisabled: boolean;
	responsibility: string;
	user: { email: string };
}

export interface Catalogue<K extends 'products' | 'services'> {
	categories: Array<{ id: number; name: string; type: 'PRODUCT' | 'SERVICE' } & Record<K, Record<string, unknown>[]>>;
}

export interface CompanyNote {
	id: number;
	value: string;
	companyId: string;
	userId: string;
	createdAt: string;
	updatedAt: string;
}

export interface SentSms {
	userId: string;
	leadId: string;
	message: string;
	messageThreadId: number;
	sentAt: string;
}

export interface PlacedCall {
	id: string;
	name: string;
	phoneNumber: string;
	mode: 'normal' | 'transfer_only';
	customInstructions?: string;
	placedAt: string;
}

export class OrganizationRecords {
	/** Newest first, as lists are returned. */
	inquiries: Inquiry[] = [];
	appointments: Appointment[] = [];
	organizationMembers: OrganizationMember[] = [];
	products: Catalogue<'products'> = { categories: [] };
	services: Catalogue<'services'> = { categories: [] };
	companyNotes = new Map<string, CompanyNote[]>();
	sms: SentSms[] = [];
	calls: PlacedCall[] = [];
	nextThreadId = 1;
	constructor(
		readonly availability: ReturnType<typeof availabilityOf>,
		readonly knowledge: Knowledge,
	) {}
}

const TRADE_SERVICES = ['Blocked drain', 'Hot water system', 'Leak detection', 'Bathroom renovation', 'Gas fitting'];

function addDays(iso: string, days: number): string {
	return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

/** Builds an inquiry of a lead; a CALL carries the documented call data. */
export function inquiryOf(lead: LeadRecord, id: string, source: Inquiry['source'], createdAt: string, summary: string): Inquiry {
	const sourceId = `${source.toLowerCase()}_${id.slice(3)}`;
	const data: Record<string, unknown> =
		source === 'CALL'
			? {
					id: sourceId,
					summary,
					keyPoints: [summary, `Suburb: ${lead.suburb}`],
					recordingUrl: `https://recordings.sandbox.example.com/${sourceId}.mp3`,
					transcripts: [
						{ id: `${sourceId}_t1`, created_at: createdAt, text: 'Hi, thanks for calling. How can I help?', user: 'assistant' },
						{ id: `${sourceId}_t2`, created_at: createdAt, text: summary, user: 'user' },
					],
					direction: 'LEAD_TO_AI',
					duration: 95,
					startedAt: createdAt,
					endedAt: new Date(Date.parse(createdAt) + 95_000).toISOString(),
					endedBy: 'user',
				}
			: { id: sourceId, summary };
	return {
		id,
		source,
		sourceId,
		tag: lead.lastInquiry.tag || 'new',
		summary,
		isFirstInquiry: true,
		isRead: false,
		leadId: lead.id,
		createdAt,
		externalInquiryId: `ext_${id.slice(3)}`,
		data,
	};
}

export function appointmentOf(orgKey: string, lead: LeadRecord, index: number, owner: Member): Appointment {
	const start = addDays(lead.createdAt, 2);
	return {
		id: `apt_${orgKey.slice(0, 3)}${String(index).padStart(5, '0')}`,
		serialId: index + 1,
		title: `Site visit: ${lead.businessName}`,
		description: lead.lastInquiry.summary,
		start,
		end: new Date(Date.parse(start) + 3_600_000).toISOString(),
		status: index % 2 === 0 ? 'PENDING' : 'CONFIRMED',
		leadId: lead.id,
		attendees: [lead.email, owner.email],
		tradeService: { id: (index % TRADE_SERVICES.length) + 1, name: TRADE_SERVICES[index % TRADE_SERVICES.length] },
		notes: 'Bring the pressure tester',
		customerNotes: 'Side gate is open',
		isRescheduled: index % 7 === 0,
		createdAt: lead.createdAt,
	};
}

/** Three notes on the company of a lead, newest first. */
function companyNotesOf(companyId: string, lead: LeadRecord, index: number, members: Member[]): CompanyNote[] {
	return [0, 1, 2]
		.map((n) => ({
			id: index * 10 + n + 1,
			value: `Account note ${n + 1} for ${lead.businessName}`,
			companyId,
			userId: members[n % members.length].id,
			createdAt: addDays(lead.createdAt, n),
			updatedAt: addDays(lead.createdAt, n),
		}))
		.reverse();
}

function organizationMemberOf(member: Member, index: number): OrganizationMember {
	return {
		id: 101 + index,
		role: member.role === 'OWNER' ? 'ADMIN' : member.role,
		firstName: member.firstName,
		lastName: member.lastName,
		position: member.responsibility,
		avatarImg: `https://avatars.sandbox.example.com/${member.id}.png`,
		isDisabled: member.isDisabled,
		responsibility: member.responsibility,
		user: { email: member.email },
	};
}

function productsOf(created: string): Catalogue<'products'> {
	const product = (id: number, name: string, description: string, price: number, tradeCategoryId: number, isActive = true) =>
		({ id, name, description, price, tradeCategoryId, createdAt: created, isActive });
	return {
		categories: [
			{
				id: 1,
				name: 'Hot water',
				type: 'PRODUCT',
				products: [
					product(11, 'Rheem 315L electric', 'Electric storage system', 1890, 1),
					product(12, 'Rinnai Infinity 26', 'Continuous flow gas', 1450, 1),
				],
			},
			{ id: 2, name: 'Tapware', type: 'PRODUCT', products: [product(21, 'Mixer tap', 'Chrome kitchen mixer', 240, 2, false)] },
		],
	};
}

function servicesOf(created: string): Catalogue<'services'> {
	const service = (id: number, name: string, description: string, duration: number, followUpQuestions: string[]) =>
		({ id, name, description, duration, followUpQuestions, tradeCategoryId: 3, createdAt: created, isActive: true });
	return {
		categories: [
			{
				id: 3,
				name: 'Plumbing',
				type: 'SERVICE',
				services: [
					service(31, 'Blocked drain', 'Clear and camera-inspect a drain', 60, ['Which drain is blocked?']),
					service(32, 'Leak detection', 'Find and report a leak', 90, ['Where is the water showing?', 'Is the meter spinning?']),
				],
			},
		],
	};
}

/** Seeds an organization's records from its members and leads (oldest lead first). */
export function seedRecords(
	orgKey: string,
	members: Member[],
	leads: LeadRecord[],
	{ timeZone, idBase }: { timeZone: string; idBase: number },
): OrganizationRecords {
	const records = new OrganizationRecords(
		availabilityOf(timeZone),
		seedKnowledge(idBase, (n) => addDays(members[0].createdAt, n + 1)),
	);
	leads.forEach((lead, index) => {
		const { id, source, summary } = lead.lastInquiry;
		records.inquiries.unshift(inquiryOf(lead, id, source as Inquiry['source'], lead.createdAt, summary));
		if (index % 3 === 0) records.appointments.unshift(appointmentOf(orgKey, lead, index, members[0]));
		if (index % 20 === 0) {
			const companyId = `cmp_${orgKey.slice(0, 3)}${String(index / 20).padStart(4, '0')}`;
			records.companyNotes.set(companyId, companyNotesOf(companyId, lead, index, members));
		}
	});
	records.organizationMembers = members.map(organizationMemberOf);
	records.products = productsOf(members[0].createdAt);
	records.services = servicesOf(members[0].createdAt);
	return records;
}
