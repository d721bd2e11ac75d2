import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../nodes/shared/endpoints';
import { answerSummary, isSuccess, objectOf } from '../client';
import type { CheckContext, RecordEndpoint } from '../context';
import { createScratch, recordIn } from '../context';
import { shapeOf } from '../mask';

/**
 * The knowledge probes of `--write`: an FAQ, a policy, a scenario and
 * transfers made under the check's label, switched off (inactive, disabled)
 * so Sophiie's AI never uses them, updated and deleted, with the shape of
 * every answer.
 */

/** Whether a record is still in the first pages of its list (up to 5 of 100). */
async function listed(ctx: CheckContext, endpoint: RecordEndpoint, id: string): Promise<boolean> {
	for (let page = 1; page <= 5; page++) {
		const answer = await ctx.client.api('GET', endpoint.listPath, { qs: { page, limit: 100 } });
		const records = (objectOf(answer.body)?.[endpoint.listKey] ?? []) as IDataObject[];
		if (records.some((record) => String(record.id) === id)) return true;
		if (records.length < 100) return false;
	}
	return false;
}

/** Update, delete and what is left of the record afterwards. */
async function updateAndDelete(ctx: CheckContext, endpoint: RecordEndpoint, id: string, name: string, update: IDataObject, shapeRow: string) {
	ctx.step(`updating and deleting ${name}`);
	const updated = await ctx.client.api('PUT', endpoint.recordPath(id), { body: update });
	const { wrapped } = recordIn(endpoint, updated);
	ctx.findings.judge(shapeRow, isSuccess(updated) && wrapped, `${endpoint.noun} update answered ${answerSummary(updated)}, ${shapeOf(updated.body)}`);
	const deleted = await ctx.client.api('DELETE', endpoint.recordPath(id));
	if (isSuccess(deleted)) ctx.scratch.gone(name);
	const message = typeof objectOf(deleted.body)?.message === 'string';
	const still = endpoint.hasGet ? isSuccess(await ctx.client.api('GET', endpoint.recordPath(id))) : await listed(ctx, endpoint, id);
	const where = endpoint.hasGet ? 'its Get' : 'its list';
	ctx.findings.judge('knowledge-deletes', isSuccess(deleted) && message && !still, `${endpoint.noun} delete answered ${answerSummary(deleted)}, ${shapeOf(deleted.body)}; ${where} ${still ? 'still has it' : 'no longer has it'}`);
}

/** An FAQ or a policy: wrapped answers, no Get of one, no duplicate rule. */
async function probeFaqOrPolicy(ctx: CheckContext, endpoint: RecordEndpoint, body: IDataObject, update: IDataObject) {
	ctx.step(`creating a scratch ${endpoint.noun}`);
	const first = await createScratch(ctx, endpoint, body);
	ctx.findings.judge('faqs-policies', !!first.id && first.wrapped, `${endpoint.noun} create answered ${answerSummary(first.answer)}, ${shapeOf(first.answer.body)}`);
	if (!first.id || !first.name) return;
	const get = await ctx.client.api('GET', endpoint.recordPath(first.id));
	ctx.findings.judge('faqs-policies', !isSuccess(get), `a Get of one ${endpoint.noun}: ${answerSummary(get)}`);
	const second = await createScratch(ctx, endpoint, body);
	ctx.findings.judge('faqs-policies', !!second.id, `a second ${endpoint.noun} with the same ${endpoint.labelField}: ${answerSummary(second.answer)}`);
	if (second.name) await ctx.scratch.remove(second.name);
	await updateAndDelete(ctx, endpoint, first.id, first.name, update, 'faqs-policies');
}

/** A scenario or a transfer: a second one with the same name or label is 409. */
async function probeConflict(ctx: CheckContext, endpoint: RecordEndpoint, body: IDataObject) {
	ctx.step(`creating a scratch ${endpoint.noun}`);
	const first = await createScratch(ctx, endpoint, body);
	ctx.findings.judge('record-shapes', !!first.id && first.wrapped, `${endpoint.noun} create answered ${answerSummary(first.answer)}, ${shapeOf(first.answer.body)}`);
	if (!first.id || !first.name) return undefined;
	const second = await createScratch(ctx, endpoint, body);
	ctx.findings.judge('scenario-transfer-409', second.answer.status === 409, `a second ${endpoint.noun} with the same ${endpoint.labelField}: ${answerSummary(second.answer)}`);
	if (second.name) await ctx.scratch.remove(second.name);
	return { id: first.id, name: first.name };
}

/** The transfer values the docs do not show, one at a time. */
async function probeTransferValues(ctx: CheckContext, transfer: IDataObject) {
	const endpoint = ENDPOINTS.transfer;
	const values = [
		{ field: 'method', body: { ...transfer, label: `${String(transfer.label)} cold`, method: 'COLD' } },
		{ field: 'destinationType', body: { ...transfer, label: `${String(transfer.label)} phone`, destinationType: 'PHONE_NUMBER', destination: '+61491570006' } },
	];
	for (const { field, body } of values) {
		ctx.step(`a transfer with ${field} ${String(body[field as keyof typeof body])}`);
		const made = await createScratch(ctx, endpoint, body);
		ctx.findings.judge('transfer-enums', !!made.id, `${field} ${String(body[field as keyof typeof body])}: ${answerSummary(made.answer)}`);
		if (made.name) await ctx.scratch.remove(made.name);
	}
}

export async function probeKnowledgeWrites(ctx: CheckContext) {
	const { label } = ctx;
	await probeFaqOrPolicy(ctx, ENDPOINTS.faq, { question: `${label}: is this a test?`, answer: 'Yes: a contract check made it and deletes it.', isActive: false }, { answer: 'Yes, updated.' });
	await probeFaqOrPolicy(ctx, ENDPOINTS.policy, { title: `${label} policy`, content: 'A contract check made this and deletes it.', isActive: false }, { content: 'Updated by the contract check.' });
	const scenario = await probeConflict(ctx, ENDPOINTS.scenario, { name: `${label} scenario`, prompt: 'Never used: a contract check made it.', response: 'Never used.', isActive: false });
	if (scenario) await updateAndDelete(ctx, ENDPOINTS.scenario, scenario.id, scenario.name, { response: 'Never used (updated).' }, 'record-shapes');
	const transfer = { label: `${label} transfer`, method: 'WARM', destinationType: 'DEPARTMENT', destination: 'verify-sophiie', conditions: 'Never: a contract check made it.', isEnabled: false };
	const made = await probeConflict(ctx, ENDPOINTS.transfer, transfer);
	await probeTransferValues(ctx, transfer);
	if (made) await updateAndDelete(ctx, ENDPOINTS.transfer, made.id, made.name, { conditions: 'Never (updated).' }, 'record-shapes');
}
