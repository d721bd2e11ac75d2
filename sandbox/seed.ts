import { seedRecords } from './records';
import type { Dialect } from './dialect';
import type { LeadRecord, Member, Organization } from './shapes';
import { SophiieStore } from './store';

/**
 * Deterministic seed data: the same organizations, tokens, leads and
 * activities on every start, so tests and demos can name them.
 */

export interface SeededOrganization {
	id: string;
	name: string;
	token: string;
	/** The first seeded member (the owner), used as the actor of API writes. */
	ownerId: string;
	leadCount: number;
}

export interface SeedInfo {
	organizations: { acme: SeededOrganization; globex: SeededOrganization };
	/** An Acme lead with a long activity history (more than 10 pages of 100). */
	busyLeadId: string;
	busyLeadActivityCount: number;
}

const SEED_START = Date.parse('2026-01-05T09:00:00.000Z');

const FIRST_NAMES = ['Olivia', 'Jack', 'Charlotte', 'William', 'Amelia', 'Noah', 'Isla', 'Oliver', 'Mia', 'Leo', 'Ava', 'Henry', 'Grace', 'Lucas', 'Chloe', 'Thomas', 'Zoe', 'James', 'Ruby', 'Ethan'];
const LAST_NAMES = ['Smith', 'Nguyen', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Johnson', 'White', 'Martin', 'Anderson', 'Thompson', 'Walker', 'Harris', 'Lee', 'Ryan', 'Robinson', 'Kelly', 'King', 'Davis', 'Wright'];
const SUBURBS = ['Surry Hills', 'Fitzroy', 'Paddington', 'Newtown', 'Brunswick', 'Fortitude Valley', 'Subiaco', 'Glenelg', 'Manly', 'Carlton'];
const BUSINESSES = ['Plumbing', 'Electrical', 'Roofing', 'Landscaping', 'Cleaning', 'Painting', 'Builders', 'Solar', 'Pest Control', 'Locksmiths'];
const SOURCES = ['CALL', 'EMAIL', 'CHATBOT', 'SMS', 'WEBFORM'];
const TAGS = ['urgent', 'quote', 'follow-up', 'booking', 'complaint'];
/** What the busy lead's updates say (each an update activity, named as the dialect names it). */
const BUSY_UPDATES = ['Status changed from pending to active', 'Updated phone', 'Updated email', 'Updated suburb'];

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(next: () => number, list: readonly T[]): T {
	return list[Math.floor(next() * list.length)];
}

function idFrom(next: () => number, prefix: string): string {
	let suffix = '';
	for (let i = 0; i < 8; i++) suffix += Math.floor(next() * 36).toString(36);
	return `${prefix}_${suffix}`;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

interface OrganizationSpec {
	key: string;
	name: string;
	token: string;
	leads: number;
	country: string;
	timeZone: string;
	/** Where the organization's whole-number ids (scenarios, FAQs…) start. */
	idBase: number;
}

function organizationOf(spec: OrganizationSpec): Organization {
	return {
		id: `org_${spec.key}`,
		name: spec.name,
		businessPhone: '+61290000000',
		website: `https://${spec.key}.example.com`,
		socials: { facebook: `https://facebook.com/${spec.key}`, instagram: `@${spec.key}` },
		timeZone: spec.timeZone,
		country: spec.country,
		currency: spec.country === 'AU' ? 'AUD' : 'USD',
		timeFormat: 12,
		weekStart: 'Monday',
	};
}

function membersOf(spec: OrganizationSpec): Member[] {
	return ['OWNER', 'ADMIN', 'MEMBER'].map((role, index) => ({
		id: `usr_${spec.key}${index + 1}`,
		role,
		firstName: FIRST_NAMES[(index * 7 + spec.key.length) % FIRST_NAMES.length],
		lastName: LAST_NAMES[(index * 3 + spec.key.length) % LAST_NAMES.length],
		email: `${role.toLowerCase()}@${spec.key}.example.com`,
		phone: `+6140000000${index}`,
		isDisabled: false,
		responsibility: role === 'OWNER' ? 'Sales' : 'Operations',
		createdAt: iso(SEED_START - 86_400_000 * 30),
	}));
}

/** The organization's lead number `n`. The order of the `next()` calls is the seed: keep it. */
function seededLead(store: SophiieStore, next: () => number, spec: OrganizationSpec, n: number): LeadRecord {
	let id = idFrom(next, 'ld');
	while (store.hasLeadId(id)) id = idFrom(next, 'ld');
	const firstName = pick(next, FIRST_NAMES);
	const lastName = pick(next, LAST_NAMES);
	const suburb = pick(next, SUBURBS);
	const createdAt = iso(SEED_START + n * 3_600_000);
	const inquiryId = idFrom(next, 'in');
	const source = pick(next, SOURCES);
	const tag = pick(next, TAGS);
	return {
		id,
		orgId: `org_${spec.key}`,
		firstName,
		lastName,
		email: `${firstName}.${lastName}.${n + 1}@${spec.key}-leads.example.com`.toLowerCase(),
		phone: `+614${String(10_000_000 + n * 7919 + spec.key.length).padStart(8, '0')}`,
		suburb,
		businessName: `${lastName} ${pick(next, BUSINESSES)}`,
		socials: n % 3 === 0 ? { facebook: `https://facebook.com/${lastName.toLowerCase()}${n}` } : {},
		status: 'active',
		createdAt,
		read: next() < 0.5,
		lastInquiryId: inquiryId,
		lastInquiryDate: createdAt,
		unreadEmails: Math.floor(next() * 3),
		unreadCalls: Math.floor(next() * 3),
		unreadChatbotThreads: Math.floor(next() * 2),
		unreadSMS: Math.floor(next() * 2),
		unreadWebformSubmissions: Math.floor(next() * 2),
		hasFlaggedInquiry: next() < 0.1,
		address: {
			line1: `${1 + Math.floor(next() * 200)} ${pick(next, LAST_NAMES)} St`,
			line2: '',
			suburb,
			state: 'NSW',
			postcode: String(2000 + Math.floor(next() * 800)),
			country: spec.country,
		},
		tags: [{ name: tag, description: `Tagged ${tag}` }],
		lastInquiry: { id: inquiryId, tag, summary: `${source.toLowerCase()} enquiry about ${suburb} job`, isFirstInquiry: true, source, isRead: false },
	};
}

/** A lead's creation activity and, for every fourth lead, a call-back note. */
function seedLeadHistory(store: SophiieStore, next: () => number, lead: LeadRecord, n: number, members: Member[]) {
	const { id, createdAt, suburb, lastInquiry } = lead;
	store.addActivity(id, { event: 'LEAD_CREATED', data: `Lead created from ${lastInquiry.source}`, referenceId: lastInquiry.id, userId: members[0].id, createdAt });
	if (n % 4 !== 0) return;
	store.addNote(id, {
		value: `Called back, prefers mornings (${suburb})`,
		appointmentId: idFrom(next, 'apt'),
		userId: members[1].id,
		createdAt: iso(SEED_START + n * 3_600_000 + 600_000),
		updatedAt: iso(SEED_START + n * 3_600_000 + 600_000),
	});
}

function seedOrganization(
	store: SophiieStore,
	next: () => number,
	spec: OrganizationSpec,
): { org: SeededOrganization; leadIds: string[] } {
	const organization = organizationOf(spec);
	const members = membersOf(spec);
	store.addOrganization(organization, members);
	const leads: LeadRecord[] = [];
	for (let n = 0; n < spec.leads; n++) {
		const lead = seededLead(store, next, spec, n);
		store.insertLead(lead);
		seedLeadHistory(store, next, lead, n, members);
		leads.push(lead);
	}
	store.records.set(organization.id, seedRecords(spec.key, members, leads, spec));
	return {
		org: { id: organization.id, name: spec.name, token: spec.token, ownerId: members[0].id, leadCount: spec.leads },
		leadIds: leads.map((lead) => lead.id),
	};
}

/** Builds a fresh store with the deterministic seed. */
export function seedStore(dialect: Dialect): { store: SophiieStore; seed: SeedInfo } {
	// The clock starts after every seeded record and long before today, so a
	// record made now is stamped now, as Sophiie stamps it, and is the newest.
	const store = new SophiieStore(SEED_START + 30 * 86_400_000, dialect);
	const next = random(20260105);
	const acme = seedOrganization(store, next, {
		key: 'acme',
		name: 'Acme Plumbing',
		token: 'sk_test_sandbox_acme',
		leads: 260,
		country: 'AU',
		timeZone: 'Australia/Sydney',
		idBase: 1,
	});
	const globex = seedOrganization(store, next, {
		key: 'globex',
		name: 'Globex Electrical',
		token: 'sk_test_sandbox_globex',
		leads: 40,
		country: 'US',
		timeZone: 'America/New_York',
		idBase: 5001,
	});

	const busyLeadId = acme.leadIds[0];
	const busyLeadActivityCount = 1234;
	for (let n = 1; n < busyLeadActivityCount; n++) {
		store.addActivity(busyLeadId, {
			event: dialect.updateActivityEvent,
			data: BUSY_UPDATES[n % BUSY_UPDATES.length],
			referenceId: busyLeadId,
			userId: acme.org.ownerId,
			createdAt: iso(SEED_START + 60_000 * n),
		});
	}
	return {
		store,
		seed: {
			organizations: { acme: acme.org, globex: globex.org },
			busyLeadId,
			busyLeadActivityCount,
		},
	};
}
