import { randomBytes } from 'node:crypto';

import type { Route } from '../http';
import { HttpError, ok } from '../http';
import { listReply } from '../paging';
import type { Inquiry, OrganizationRecords } from '../records';
import { INQUIRY_SOURCES, inquiryOf } from '../records';
import type { HostContext } from './context';

/** The `/v1` API's inquiries, appointments, organization lists, company notes and SMS (sophiie-api.md §5–§9). */

const recordsOf = ({ state, orgId }: HostContext): OrganizationRecords => state.store.records.get(orgId)!;

/** Get Inquiry's documented shape: everything but the id in the external system. */
function inquiryDetail(inquiry: Inquiry): Partial<Inquiry> {
	const detail: Partial<Inquiry> = { ...inquiry };
	delete detail.externalInquiryId;
	return detail;
}

/** List Inquiries' shape: no source data, plus what `expand` asks for. */
function inquiryListItem({ state, orgId }: HostContext, expand: string | null) {
	return (inquiry: Inquiry) => {
		const item: Record<string, unknown> = inquiryDetail(inquiry);
		delete item.data;
		if (expand === 'external' || expand === 'both') item.externalInquiryId = inquiry.externalInquiryId;
		if (expand === 'lead' || expand === 'both') {
			const lead = state.store.findLead(orgId, inquiry.leadId);
			item.lead = lead
				? { id: lead.id, firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone }
				: null;
		}
		return item;
	};
}

function listInquiries(context: HostContext) {
	const { query } = context;
	const source = query.get('source');
	const expand = query.get('expand');
	const leadId = query.get('leadId');
	if (source !== null && !(INQUIRY_SOURCES as readonly string[]).includes(source)) throw new HttpError(400);
	if (expand !== null && !['external', 'lead', 'both'].includes(expand)) throw new HttpError(400);
	const matching = recordsOf(context).inquiries.filter(
		(inquiry) => (!leadId || inquiry.leadId === leadId) && (!source || inquiry.source === source),
	);
	return listReply('inquiries', matching, query, inquiryListItem(context, expand));
}

function catalogue(kind: 'products' | 'services') {
	return (context: HostContext) => {
		const { categories } = recordsOf(context)[kind];
		const count = categories.reduce(
			(sum, category) => sum + ((category as Record<string, unknown[]>)[kind]?.length ?? 0),
			0,
		);
		const total = kind === 'products' ? 'totalProducts' : 'totalServices';
		return ok({ categories, totalCategories: categories.length, [total]: count });
	};
}

function readSms(body: unknown) {
	const { userId, leadId, message, messageThreadId } = (body ?? {}) as Record<string, unknown>;
	if (typeof message !== 'string' || message.trim() === '' || typeof userId !== 'string' || typeof leadId !== 'string') {
		throw new HttpError(400);
	}
	if (messageThreadId !== undefined && (typeof messageThreadId !== 'number' || !Number.isInteger(messageThreadId))) {
		throw new HttpError(400);
	}
	return { userId, leadId, message, messageThreadId: messageThreadId as number | undefined };
}

function sendSms(context: HostContext) {
	const { state, webhooks, orgId } = context;
	const { userId, leadId, message, messageThreadId } = readSms(context.body);
	const records = recordsOf(context);
	const lead = state.store.findLead(orgId, leadId);
	const sender = state.store.members.get(orgId)!.find((member) => member.id === userId);
	if (!lead || !sender) throw new HttpError(404);
	let threadId = messageThreadId;
	if (threadId === undefined) {
		// "If messageThreadId is not provided, a new message thread and inquiry will be created."
		threadId = records.nextThreadId++;
		const inquiry = inquiryOf(lead, `in_${randomBytes(4).toString('hex')}`, 'SMS', state.store.now(), message.slice(0, 120));
		records.inquiries.unshift(inquiry);
		webhooks.emit(orgId, 'INQUIRY_CREATED', inquiryDetail(inquiry));
	} else if (!records.sms.some((sms) => sms.messageThreadId === threadId)) {
		throw new HttpError(404);
	}
	records.sms.push({ userId, leadId, message, messageThreadId: threadId, sentAt: state.store.now() });
	return ok({ message: 'Message sent successfully' });
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** Send Call (sophiie-api.md §9.2, third-party only): name, E.164 phoneNumber, mode, custom_instructions for transfer_only. */
function readCall(body: unknown) {
	const { name, phoneNumber, mode = 'normal', custom_instructions: customInstructions, ...rest } = (body ?? {}) as Record<string, unknown>;
	if (Object.keys(rest).length > 0) throw new HttpError(400);
	if (typeof name !== 'string' || name.trim() === '' || typeof phoneNumber !== 'string' || !E164.test(phoneNumber)) throw new HttpError(400);
	if (mode !== 'normal' && mode !== 'transfer_only') throw new HttpError(400);
	if (customInstructions !== undefined && typeof customInstructions !== 'string') throw new HttpError(400);
	if (mode === 'transfer_only' && !customInstructions) throw new HttpError(400);
	return { name, phoneNumber, mode, customInstructions } as const;
}

/** Places the call; Sophiie documents no answer, so the sandbox answers as Send SMS does, with the call's id. */
function placeCall(context: HostContext) {
	const call = { id: `call_${randomBytes(4).toString('hex')}`, ...readCall(context.body), placedAt: context.state.store.now() };
	recordsOf(context).calls.push(call);
	return ok({ message: 'Call initiated successfully', callId: call.id });
}

export const recordRoutes: Array<Route<HostContext>> = [
	{ method: 'GET', path: '/v1/inquiries', handle: listInquiries },
	{
		method: 'GET',
		path: '/v1/inquiries/:inquiryId',
		handle: (context, { inquiryId }) => {
			const inquiry = recordsOf(context).inquiries.find((candidate) => candidate.id === inquiryId);
			if (!inquiry) throw new HttpError(404);
			return ok(inquiryDetail(inquiry));
		},
	},
	{
		method: 'GET',
		path: '/v1/appointments',
		handle: (context) => {
			const leadId = context.query.get('leadId');
			const matching = recordsOf(context).appointments.filter((appointment) => !leadId || appointment.leadId === leadId);
			return listReply('appointments', matching, context.query);
		},
	},
	{
		method: 'GET',
		path: '/v1/organization/members',
		handle: (context) => listReply('members', recordsOf(context).organizationMembers, context.query),
	},
	{ method: 'GET', path: '/v1/organization/products', handle: catalogue('products') },
	{ method: 'GET', path: '/v1/organization/services', handle: catalogue('services') },
	{
		method: 'GET',
		path: '/v1/companies/:companyId/notes',
		handle: (context, { companyId }) => {
			const notes = recordsOf(context).companyNotes.get(companyId);
			if (!notes) throw new HttpError(404);
			return listReply('notes', notes, context.query);
		},
	},
	{ method: 'POST', path: '/v1/sms', handle: sendSms },
	{ method: 'POST', path: '/v1/calls', handle: placeCall },
	{ method: 'GET', path: '/v1/organization/availability', handle: (context) => ok(recordsOf(context).availability) },
];
