import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../nodes/shared/endpoints';
import type { SophiieAnswer } from '../../../nodes/shared/transport';
import { answerSummary, isErrorEnvelope, isSuccess, objectOf } from '../client';
import type { CheckContext } from '../context';
import { createScratch } from '../context';
import { shapeOf, shown } from '../mask';
import { listActivities, probeActivityFilter } from './reads';

/**
 * The lead probes of `--write`: scratch leads made, updated, duplicated and
 * deleted, each under the check's label. Their phone numbers are from the
 * range Australia's regulator keeps for fiction (0491 570 xxx), so nothing
 * Sophiie does with a new lead reaches a person.
 */

const FICTIONAL_PHONES = ['+61491570006', '+61491570156', '+61491570157', '+61491570158', '+61491570159', '+61491570110'];

interface ScratchLead {
	id: string;
	lead: IDataObject;
}

/** Creates a scratch lead; undefined (with the answer) when Sophiie refuses it. */
async function createLead(ctx: CheckContext, body: IDataObject): Promise<{ created?: ScratchLead; answer: SophiieAnswer }> {
	const { answer, id, record } = await createScratch(ctx, ENDPOINTS.lead, body);
	return { created: id === undefined ? undefined : { id, lead: record! }, answer };
}

/** A scratch lead's name in the clean-up list (createScratch's "<noun> <id>"). */
const scratchName = (lead: ScratchLead) => `${ENDPOINTS.lead.noun} ${lead.id}`;

async function removeLead(ctx: CheckContext, lead: ScratchLead | undefined) {
	if (lead) await ctx.scratch.remove(scratchName(lead));
}

const emailOf = (ctx: CheckContext, tag: string) => `verify-sophiie+${ctx.stamp}-${tag}@example.com`;

/** The main scratch lead: First Name, Last Name, email and phone, no suburb (the required-fields probe). */
async function createMainLead(ctx: CheckContext): Promise<ScratchLead> {
	ctx.step('creating a scratch lead without a suburb');
	const base = { firstName: 'verify-sophiie', lastName: ctx.stamp, email: emailOf(ctx, 'a') };
	for (const phone of FICTIONAL_PHONES.slice(0, 3)) {
		const { created, answer } = await createLead(ctx, { ...base, phone });
		if (created) {
			ctx.findings.holds('create-lead-required', `created with first name, last name, email and phone, no suburb (${answerSummary(answer)})`);
			ctx.findings.judge('lead-writes', !!objectOf(objectOf(answer.body)?.lead), `create answered ${shapeOf(answer.body)}`);
			return created;
		}
		if (answer.status === 409) continue; // the fictional number is some other lead's already
		ctx.findings.differs('create-lead-required', `without a suburb: ${answerSummary(answer)}, ${shown(answer.body)}`);
		const retried = await createLead(ctx, { ...base, phone, suburb: 'Verify' });
		if (retried.created) return retried.created;
		throw new Error(`Sophiie refused a scratch lead with a suburb too: ${answerSummary(retried.answer)}`);
	}
	throw new Error('Every fictional phone number is already a lead of this account');
}

/** A partial update: which fields it kept, and the activity it wrote. */
async function probeUpdate(ctx: CheckContext, lead: ScratchLead) {
	ctx.step(`updating lead ${lead.id} with two fields`);
	const update = await ctx.client.api('PUT', ENDPOINTS.lead.recordPath(lead.id), { body: { lastName: `${ctx.stamp}-updated`, businessName: 'verify-sophiie' } });
	ctx.findings.judge('lead-writes', isSuccess(update) && !!objectOf(objectOf(update.body)?.lead), `update answered ${answerSummary(update)}, ${shapeOf(update.body)}`);
	const read = await ctx.client.api('GET', ENDPOINTS.lead.recordPath(lead.id));
	const after = objectOf(read.body) ?? {};
	const kept = (['firstName', 'email', 'phone'] as const).filter((field) => after[field] === lead.lead[field]);
	const lost = (['firstName', 'email', 'phone'] as const).filter((field) => after[field] !== lead.lead[field]);
	const changed = after.lastName === `${ctx.stamp}-updated` && after.businessName === 'verify-sophiie';
	ctx.findings.judge('update-lead-body', isSuccess(update) && changed && lost.length === 0, `the update changed ${changed ? 'both fields sent' : 'not what it was sent'}; kept ${kept.join(', ') || 'nothing else'}${lost.length ? `, changed ${lost.join(', ')} it was not sent` : ''}`);
	ctx.findings.judge('phone-numbers', after.phone === lead.lead.phone, `the scratch lead's phone reads back as ${String(after.phone)}`);

	const activities = await listActivities(ctx, lead.id);
	const names = [...new Set(activities.map((activity) => String(activity.event)))];
	const updated = names.includes('LEAD_UPDATED');
	ctx.findings.judge('activity-event-types', names.includes('LEAD_CREATED') && updated, `the scratch lead's activities after create and update: ${names.join(', ') || 'none'}`);
	await probeActivityFilter(ctx, lead.id, activities);
}

/** Which of a second lead's fields Sophiie calls a duplicate. */
async function probeDuplicates(ctx: CheckContext, lead: ScratchLead) {
	const cases = [
		{ what: 'the same email', body: { firstName: 'verify-sophiie', lastName: `${ctx.stamp}-b`, email: lead.lead.email, phone: FICTIONAL_PHONES[4] }, duplicate: true },
		{ what: 'the same phone', body: { firstName: 'verify-sophiie', lastName: `${ctx.stamp}-c`, email: emailOf(ctx, 'c'), phone: lead.lead.phone }, duplicate: true },
		{ what: 'the same name', body: { firstName: lead.lead.firstName, lastName: lead.lead.lastName, email: emailOf(ctx, 'd'), phone: FICTIONAL_PHONES[5] }, duplicate: false },
	];
	for (const { what, body, duplicate } of cases) {
		ctx.step(`a second lead with ${what}`);
		const { created, answer } = await createLead(ctx, body as IDataObject);
		const conflict = answer.status === 409;
		ctx.findings.judge('lead-duplicates', conflict === duplicate, `${what}: ${created ? `created (${answerSummary(answer)})` : answerSummary(answer)}`);
		await removeLead(ctx, created);
	}
}

/** Delete, then Get and Update of the deleted lead. */
async function probeDelete(ctx: CheckContext, lead: ScratchLead) {
	ctx.step(`deleting lead ${lead.id}`);
	const deleted = await ctx.client.api('DELETE', ENDPOINTS.lead.recordPath(lead.id));
	if (isSuccess(deleted)) ctx.scratch.gone(scratchName(lead));
	ctx.findings.judge('lead-writes', isSuccess(deleted) && typeof objectOf(deleted.body)?.message === 'string', `delete answered ${answerSummary(deleted)}, ${shapeOf(deleted.body)}`);
	const read = await ctx.client.api('GET', ENDPOINTS.lead.recordPath(lead.id));
	ctx.findings.judge('error-envelope-404', read.status === 404 && isErrorEnvelope(read.body, 404), `a Get of the deleted lead: ${answerSummary(read)}`);
	const update = await ctx.client.api('PUT', ENDPOINTS.lead.recordPath(lead.id), { body: { lastName: `${ctx.stamp}-after-delete` } });
	ctx.findings.judge('update-lead-404', update.status === 404 && isErrorEnvelope(update.body, 404), `an Update of the deleted lead: ${answerSummary(update)}, ${shown(update.body)}`);
}

export async function probeLeadWrites(ctx: CheckContext) {
	const lead = await createMainLead(ctx);
	await probeDuplicates(ctx, lead);
	await probeUpdate(ctx, lead);
	await probeDelete(ctx, lead);
}
