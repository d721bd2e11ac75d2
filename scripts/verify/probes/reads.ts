import type { IDataObject } from 'n8n-workflow';

import { ACTIVITY_EVENT_TYPES } from '../../../nodes/Sophiie/helpers/sophiieFacts';
import { LOOK_BACK_MS, POLL_EVENTS } from '../../../nodes/SophiiePollingTrigger/pollEvents';
import { ENDPOINTS } from '../../../nodes/shared/endpoints';
import { isE164 } from '../../../nodes/shared/phone';
import { isSendableId } from '../../../nodes/shared/validation';
import type { Target } from '../client';
import { SophiieClient, answerSummary, isErrorEnvelope, isSuccess, objectOf } from '../client';
import type { Account, CheckContext } from '../context';
import { shapeOf, shown } from '../mask';

/** The read-only probes: nothing they send changes anything in Sophiie. */

const PAGE = { page: 1, limit: 20 };
const COUNTERS = ['totalPages', 'currentPage', 'totalCount'] as const;

/** The credential test's request: the organization, which every later step needs. Throws when the key does not work. */
export async function readAccount(ctx: Pick<CheckContext, 'client' | 'findings' | 'step'>): Promise<Account> {
	ctx.step('the credential test (GET /v1/organization)');
	const organization = await ctx.client.api('GET', ['organization']);
	const orgId = objectOf(organization.body)?.id;
	if (!isSuccess(organization) || typeof orgId !== 'string') {
		ctx.findings.differs('credential', `GET /v1/organization answered ${answerSummary(organization)}, ${shapeOf(organization.body)}`);
		throw new Error(`The key does not open the account: GET /v1/organization answered ${answerSummary(organization)}`);
	}
	ctx.findings.holds('credential', `the organization ${orgId}`);
	const members = await ctx.client.api('GET', ENDPOINTS.member.listPath, { qs: PAGE });
	const list = (objectOf(members.body)?.members ?? []) as IDataObject[];
	const member = list.find((one) => one.role === 'OWNER' && !one.isDisabled) ?? list.find((one) => !one.isDisabled);
	const leads = await ctx.client.api('GET', ENDPOINTS.lead.listPath, { qs: PAGE });
	return { orgId, memberId: typeof member?.id === 'string' ? member.id : undefined, leads: (objectOf(leads.body)?.leads ?? []) as IDataObject[] };
}

/** The error envelope of a made-up key (401) and of an unknown id (404). */
export async function probeErrorEnvelopes(ctx: CheckContext, target: Target) {
	ctx.step('the error envelopes of a made-up key and an unknown id');
	const stranger = new SophiieClient(target, `sk_verify_sophiie_made_up_${ctx.stamp}`);
	const refused = await stranger.api('GET', ['organization']);
	ctx.findings.judge('error-envelope-401', refused.status === 401 && isErrorEnvelope(refused.body, 401), `a made-up key: ${answerSummary(refused)}, ${shown(refused.body)}`);
	const unknown = await ctx.client.api('GET', ENDPOINTS.lead.recordPath('ld_verify_sophiie_unknown'));
	ctx.findings.judge('error-envelope-404', unknown.status === 404 && isErrorEnvelope(unknown.body, 404), `GET /v1/leads/ld_verify_sophiie_unknown: ${answerSummary(unknown)}, ${shown(unknown.body)}`);
}

/** Records whose createdAt is more than the look-back window newer than one listed before them. */
function outOfOrder(records: IDataObject[]): number {
	let newestBefore = -Infinity;
	let late = 0;
	for (const record of records) {
		const at = Date.parse(String(record.createdAt));
		if (Number.isNaN(at)) continue;
		if (newestBefore !== -Infinity && at > newestBefore + LOOK_BACK_MS) late++;
		newestBefore = Math.max(newestBefore, at);
	}
	return late;
}

/** Every list endpoint, a small page each: its envelope, counters and (for the polled lists) order. */
export async function probeLists(ctx: CheckContext) {
	const lists = Object.values(ENDPOINTS);
	const first = ctx.account.leads[0];
	const leadLists = first ? [{ noun: 'lead note', listPath: ['leads', String(first.id), 'notes'], listKey: 'notes' }, { noun: 'activity', listPath: ['leads', String(first.id), 'activities'], listKey: 'activities' }] : [];
	for (const endpoint of [...lists, ...leadLists]) {
		ctx.step(`the list GET /v1/${endpoint.listPath.join('/')}`);
		const answer = await ctx.client.api('GET', endpoint.listPath, { qs: PAGE });
		const body = objectOf(answer.body);
		const records = body?.[endpoint.listKey];
		const missing = COUNTERS.filter((counter) => typeof body?.[counter] !== 'number');
		const path = `/v1/${endpoint.listPath.join('/')}`;
		if (!isSuccess(answer) || !Array.isArray(records)) {
			ctx.findings.differs(endpoint.listKey === 'faqs' ? 'faqs-policies' : 'list-envelope', `${path}: ${answerSummary(answer)}, ${shapeOf(answer.body)}`);
			continue;
		}
		// The FAQ list is the one whose counters are assumed (third-party only); the others are documented.
		if (endpoint.listKey === 'faqs' || endpoint.listKey === 'policies') {
			ctx.findings.judge('faqs-policies', missing.length === 0, `${path} answers { ${endpoint.listKey} }${missing.length ? ` without ${missing.join(', ')}` : ' with the counters'}`);
		}
		if (endpoint.listKey !== 'faqs') ctx.findings.judge('list-envelope', missing.length === 0, `${path}: ${records.length} records${missing.length ? `, no ${missing.join(', ')}` : ''}`);
		if (POLL_EVENTS.some((event) => event.listKey === endpoint.listKey)) probeOrder(ctx, path, records as IDataObject[]);
	}
	ctx.step('a limit above 100');
	const over = await ctx.client.api('GET', ENDPOINTS.lead.listPath, { qs: { page: 1, limit: 101 } });
	const count = (objectOf(over.body)?.leads as unknown[] | undefined)?.length;
	const detail = isSuccess(over) ? `limit=101 answered ${count ?? 'no'} leads` : `limit=101: ${answerSummary(over)}`;
	ctx.findings.judge('limit-max-100', !isSuccess(over) || (count ?? 0) <= 100, detail);
}

function probeOrder(ctx: CheckContext, path: string, records: IDataObject[]) {
	const dated = records.filter((record) => !Number.isNaN(Date.parse(String(record.createdAt))));
	if (dated.length < 2) return ctx.findings.notChecked('list-order', `${path}: fewer than 2 records with a createdAt`);
	const late = outOfOrder(dated);
	const span = `${String(dated[0].createdAt)} … ${String(dated[dated.length - 1].createdAt)}`;
	ctx.findings.judge('list-order', late === 0, `${path}: ${dated.length} records ${span}${late ? `, ${late} newer than one listed before them by more than an hour` : ', newest first'}`);
}

/** A Get of a listed record of each kind, and what the listed leads' ids and phones look like. */
export async function probeRecords(ctx: CheckContext) {
	const { leads } = ctx.account;
	const ids = leads.map((lead) => String(lead.id));
	if (ids.length === 0) ctx.findings.notChecked('lead-ids', 'the account has no leads');
	else {
		const odd = ids.filter((id) => !isSendableId(id));
		ctx.findings.judge('lead-ids', odd.length === 0, odd.length ? `ids the node would refuse: ${odd.slice(0, 3).join(', ')}` : `${ids.length} listed ids such as ${ids[0]}`);
	}
	const phones = leads.map((lead) => lead.phone).filter((phone): phone is string => typeof phone === 'string' && phone !== '');
	if (phones.length === 0) ctx.findings.notChecked('phone-numbers', 'no listed lead has a phone number');
	else {
		const odd = phones.filter((phone) => !isE164(phone));
		ctx.findings.judge('phone-numbers', odd.length === 0, odd.length ? `${odd.length} of ${phones.length} listed phones not in E.164, such as ${odd[0]}` : `${phones.length} listed phones, all E.164`);
	}
	for (const endpoint of [ENDPOINTS.lead, ENDPOINTS.inquiry, ENDPOINTS.scenario, ENDPOINTS.transfer]) {
		ctx.step(`a Get of a listed ${endpoint.noun}`);
		const list = await ctx.client.api('GET', endpoint.listPath, { qs: { page: 1, limit: 1 } });
		const listed = (objectOf(list.body)?.[endpoint.listKey] as IDataObject[] | undefined)?.[0];
		if (!listed) {
			ctx.findings.notChecked('record-shapes', `no ${endpoint.noun} to get`);
			continue;
		}
		const answer = await ctx.client.api('GET', endpoint.recordPath(String(listed.id)));
		const body = objectOf(answer.body);
		const record = 'recordKey' in endpoint && endpoint.recordKey !== 'lead' ? objectOf(body?.[endpoint.recordKey]) : body;
		ctx.findings.judge('record-shapes', isSuccess(answer) && record?.id === listed.id, `${endpoint.noun} ${String(listed.id)}: ${answerSummary(answer)}, ${shapeOf(answer.body)}`);
	}
}

/** Event names in activities, whether Sophiie filters activities by `event` or leads by `search`. */
export async function probeLeadQueries(ctx: CheckContext) {
	const known = ACTIVITY_EVENT_TYPES.map((type) => type.value as string);
	const seen = new Set<string>();
	let filterChecked = false;
	for (const lead of ctx.account.leads.slice(0, 3)) {
		ctx.step(`the activities of lead ${String(lead.id)}`);
		const activities = await listActivities(ctx, String(lead.id));
		for (const activity of activities) seen.add(String(activity.event));
		if (!filterChecked) filterChecked = await probeActivityFilter(ctx, String(lead.id), activities);
	}
	const others = [...seen].filter((name) => !known.includes(name));
	const note = `names seen in activities: ${[...seen].join(', ') || 'none'}${others.length ? ` (${others.join(', ')} not offered in the filter)` : ''}`;
	if (seen.has('LEAD_UPDATED')) ctx.findings.holds('activity-event-types', note);
	else ctx.findings.notChecked('activity-event-types', `${note}; no update among them`);
	if (!filterChecked && !ctx.write) ctx.findings.notChecked('activity-filter', 'no listed lead has activities of two kinds');
	await probeLeadSearch(ctx);
}

export async function listActivities(ctx: CheckContext, leadId: string): Promise<IDataObject[]> {
	const answer = await ctx.client.api('GET', ['leads', leadId, 'activities'], { qs: { page: 1, limit: 50 } });
	return (objectOf(answer.body)?.activities ?? []) as IDataObject[];
}

/** Asks for one kind of a lead's activities; true when the lead had two kinds to tell a filter by. */
export async function probeActivityFilter(ctx: CheckContext, leadId: string, activities: IDataObject[]): Promise<boolean> {
	const names = [...new Set(activities.map((activity) => String(activity.event)))];
	if (names.length < 2) return false;
	const filtered = await ctx.client.api('GET', ['leads', leadId, 'activities'], { qs: { page: 1, limit: 50, event: names[0] } });
	const items = (objectOf(filtered.body)?.activities ?? []) as IDataObject[];
	const same = items.map((item) => item.id).join() === activities.map((item) => item.id).join();
	ctx.findings.judge('activity-filter', same, same ? `event=${names[0]} was ignored (${items.length} activities of ${names.length} kinds)` : `event=${names[0]} answered ${items.length} of ${activities.length} activities: Sophiie filters`);
	return true;
}

async function probeLeadSearch(ctx: CheckContext) {
	const { leads } = ctx.account;
	const sought = leads.slice(1).find((lead) => typeof lead.lastName === 'string' && lead.lastName !== '');
	if (leads.length < 2 || !sought) return ctx.findings.notChecked('lead-search', 'fewer than two leads with a last name');
	ctx.step('a lead list with a search query');
	const answer = await ctx.client.api('GET', ENDPOINTS.lead.listPath, { qs: { ...PAGE, search: sought.lastName as string } });
	const found = (objectOf(answer.body)?.leads ?? []) as IDataObject[];
	const same = found.map((lead) => lead.id).join() === leads.map((lead) => lead.id).join();
	ctx.findings.judge('lead-search', same, same ? `search=<a last name> was ignored (${found.length} leads as without it)` : `search=<a last name> answered ${answerSummary(answer)} with ${found.length} leads: Sophiie searches`);
}

/** Inquiry expansions, availability and the webhooks host's samples. */
export async function probeExtras(ctx: CheckContext) {
	ctx.step('inquiries with expand=both');
	const plain = await ctx.client.api('GET', ENDPOINTS.inquiry.listPath, { qs: { page: 1, limit: 1 } });
	const expanded = await ctx.client.api('GET', ENDPOINTS.inquiry.listPath, { qs: { page: 1, limit: 1, expand: 'both' } });
	const first = (answer: typeof plain) => objectOf((objectOf(answer.body)?.inquiries as unknown[] | undefined)?.[0]);
	const added = Object.keys(first(expanded) ?? {}).filter((key) => !(key in (first(plain) ?? {})));
	const listed = isSuccess(expanded) && Array.isArray(objectOf(expanded.body)?.inquiries);
	ctx.findings.judge('inquiry-expand', listed, listed ? `expand=both adds ${added.length ? added.join(', ') : 'nothing on the first inquiry'}` : `expand=both: ${answerSummary(expanded)}`);

	ctx.step('the organization availability');
	const availability = await ctx.client.api('GET', ['organization', 'availability']);
	ctx.findings.judge('availability', isSuccess(availability) && !!objectOf(availability.body), `${answerSummary(availability)}, ${shapeOf(availability.body)}`);

	const { orgId, memberId } = ctx.account;
	if (!memberId) return ctx.findings.notChecked('webhooks-samples', 'no member to pass as user_id');
	const shapes: string[] = [];
	for (const kind of ['leads', 'appointments', 'inquiries']) {
		ctx.step(`the webhooks host's ${kind} samples`);
		const samples = await ctx.client.webhooks('GET', [kind], { qs: { org_id: orgId, user_id: memberId } });
		ctx.findings.judge('webhooks-samples', isSuccess(samples) && Array.isArray(samples.body), `${kind}: ${answerSummary(samples)}, ${shapeOf(samples.body)}`);
		const item = Array.isArray(samples.body) ? objectOf(samples.body[0]) : undefined;
		if (item) shapes.push(`${kind} { ${Object.keys(item).slice(0, 8).join(', ')}${Object.keys(item).length > 8 ? ', …' : ''} }`);
	}
	if (!ctx.write) ctx.findings.notChecked('delivery-payload', `needs --write (a hook and a lead); the samples show ${shapes.join('; ') || 'no items'}`);
}

/** What every answer of the run said about status codes and redirects. */
export function probeStatuses(ctx: CheckContext) {
	const { exchanges } = ctx.client;
	const redirects = exchanges.filter((exchange) => exchange.status >= 300 && exchange.status < 400);
	ctx.findings.judge('redirects', redirects.length === 0, redirects.length ? `${redirects[0].method} ${redirects[0].path} answered HTTP ${redirects[0].status} (not followed)` : `none of ${exchanges.length} answers was a redirect`);
	const successes = new Map<string, Set<number>>();
	for (const { method, status } of exchanges) if (status >= 200 && status < 300) successes.set(method, (successes.get(method) ?? new Set()).add(status));
	const odd = exchanges.filter((exchange) => exchange.status < 200);
	const seen = [...successes].map(([method, statuses]) => `${method} ${[...statuses].join('/')}`).join(', ');
	ctx.findings.judge('success-status', odd.length === 0, `successes seen: ${seen || 'none'}`);
	ctx.findings.notChecked('sms-retries', 'the check never sends an SMS (it would reach a real person)');
	ctx.findings.notChecked('calls', 'the check never places a call (it would reach a real person)');
}
