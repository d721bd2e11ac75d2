/**
 * The documented shapes of what the sandbox's Sophiie holds (sophiie-api.md
 * §4, §7): organizations, members, leads, notes and activities.
 */

export interface Organization {
	id: string;
	name: string;
	businessPhone: string;
	website: string;
	socials: { facebook: string; instagram: string };
	timeZone: string;
	country: string;
	currency: string;
	timeFormat: number;
	weekStart: string;
}

export interface Member {
	id: string;
	role: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	isDisabled: boolean;
	responsibility: string;
	createdAt: string;
}

export interface Address {
	line1: string;
	line2: string;
	suburb: string;
	state: string;
	postcode: string;
	country: string;
}

export interface LeadRecord {
	id: string;
	orgId: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	suburb: string;
	businessName: string;
	socials: Record<string, string>;
	status: string;
	createdAt: string;
	read: boolean;
	lastInquiryId: string;
	lastInquiryDate: string;
	unreadEmails: number;
	unreadCalls: number;
	unreadChatbotThreads: number;
	unreadSMS: number;
	unreadWebformSubmissions: number;
	hasFlaggedInquiry: boolean;
	address: Address;
	tags: { name: string; description: string }[];
	lastInquiry: {
		id: string;
		tag: string;
		summary: string;
		isFirstInquiry: boolean;
		source: string;
		isRead: boolean;
	};
	deletedAt?: string;
}

export interface Note {
	id: number;
	value: string;
	appointmentId: string;
	leadId: string;
	userId: string;
	createdAt: string;
	updatedAt: string;
}

export interface Activity {
	id: number;
	event: string;
	data: string;
	referenceId: string;
	userId: string;
	leadId: string;
	createdAt: string;
}
