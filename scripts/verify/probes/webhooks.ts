import type { IDataObject } from 'n8n-workflow';

import { subscriptionIdOf, TRIGGER_EVENTS } from '../../../nodes/SophiieTrigger/triggerFacts';
import { ENDPOINTS } from '../../../nodes/shared/endpoints';
import { answerSummary, isErrorEnvelope, isSuccess, objectOf } from '../client';
import type { CheckContext } from '../context';
import { createScratch } from '../context';
import { shapeOf, shown } from '../mask';
import type { ReceivedDelivery } from '../receiver';

/**
 * The webhook probes of `--write`: a hook per trigger event subscribed to
 * the hook URL and unsubscribed, and, where the check's own receiver is that
 * URL, a scratch lead's delivery and its repeat.
 */

interface Hook {
	event: string;
	hookId: number | string;
	name: string;
}

export async function probeWebhooks(ctx: CheckContext) {
	const { orgId, memberId } = ctx.account;
	if (!memberId) {
		for (const id of ['subscribe-response', 'subscribe-org-user', 'trigger-event-names', 'unsubscribe-404', 'delivery-payload']) ctx.findings.notChecked(id, 'no member to subscribe as');
		return;
	}
	const owner = { org_id: orgId, user_id: memberId };
	const hooks: Hook[] = [];
	for (const { value: event } of TRIGGER_EVENTS) {
		const hook = await subscribe(ctx, owner, event);
		if (hook) hooks.push(hook);
	}
	const created = hooks.find((hook) => hook.event === 'LEAD_CREATED');
	if (created && ctx.hook.receiver) await probeDelivery(ctx);
	else ctx.findings.notChecked('delivery-payload', created ? `deliveries go to ${ctx.hook.url}, which the check does not see` : 'no LEAD_CREATED hook');
	for (const hook of hooks) await unsubscribe(ctx, owner, hook);
	if (hooks[0]) {
		ctx.step('unsubscribing a hook Sophiie no longer has');
		const again = await ctx.client.webhooks('DELETE', ['unsubscribe'], { qs: owner, body: { hookId: hooks[0].hookId } as IDataObject });
		ctx.findings.judge('unsubscribe-404', again.status === 404 && isErrorEnvelope(again.body, 404), `hook ${String(hooks[0].hookId)} again: ${answerSummary(again)}, ${shown(again.body)}`);
	} else ctx.findings.notChecked('unsubscribe-404', 'no hook was subscribed');
}

async function subscribe(ctx: CheckContext, owner: IDataObject, event: string): Promise<Hook | undefined> {
	ctx.step(`subscribing a hook for ${event}`);
	const url = new URL(ctx.hook.url);
	url.searchParams.set('event', event);
	const answer = await ctx.client.webhooks('POST', ['subscribe'], { qs: owner, body: { hookUrl: url.toString(), trigger: event } });
	const body = (objectOf(answer.body) ?? {}) as IDataObject;
	const hookId = isSuccess(answer) ? subscriptionIdOf(body) : undefined;
	ctx.findings.judge('trigger-event-names', hookId !== undefined, `${event}: ${answerSummary(answer)}`);
	if (event === 'LEAD_CREATED') {
		ctx.findings.judge('subscribe-org-user', isSuccess(answer), `subscribe with org_id and user_id: ${answerSummary(answer)}`);
		const topLevel = typeof body.id === 'number' || typeof body.hookId === 'number';
		const found = hookId === undefined ? 'no id the node can find' : topLevel ? `the id ${String(hookId)}` : `the node finds the id ${String(hookId)} inside it`;
		ctx.findings.judge('subscribe-response', topLevel, `subscribe answered ${shown(answer.body)}: ${found}`);
	}
	if (hookId === undefined) return undefined;
	const name = `hook ${String(hookId)} (${event})`;
	ctx.scratch.add({
		name,
		remove: async () => {
			const gone = await ctx.client.webhooks('DELETE', ['unsubscribe'], { qs: owner, body: { hookId } as IDataObject });
			if (!isSuccess(gone) && gone.status !== 404) throw new Error(`unsubscribe: ${answerSummary(gone)}`);
		},
	});
	return { event, hookId, name };
}

async function unsubscribe(ctx: CheckContext, owner: IDataObject, hook: Hook) {
	ctx.step(`unsubscribing ${hook.name}`);
	const answer = await ctx.client.webhooks('DELETE', ['unsubscribe'], { qs: owner, body: { hookId: hook.hookId } as IDataObject });
	if (isSuccess(answer)) ctx.scratch.gone(hook.name);
	ctx.findings.judge('unsubscribe-answer', isSuccess(answer) && objectOf(answer.body)?.success === true, `${hook.name}: ${answerSummary(answer)}, ${shown(answer.body)}`);
}

/** Waits for deliveries that match, up to the delivery wait. */
async function deliveriesOf(ctx: CheckContext, match: (delivery: ReceivedDelivery) => boolean, count: number): Promise<ReceivedDelivery[]> {
	const deadline = Date.now() + ctx.deliveryWaitMs;
	for (;;) {
		const found = ctx.hook.receiver!.deliveries.filter(match);
		if (found.length >= count || Date.now() >= deadline) return found;
		await ctx.wait(100);
	}
}

/** A scratch lead's LEAD_CREATED delivery, answered 503 once so that Sophiie's repeat shows its id. */
async function probeDelivery(ctx: CheckContext) {
	ctx.step(`creating a scratch lead and waiting up to ${ctx.deliveryWaitMs / 1000} s for its delivery and a repeat`);
	const lead = { firstName: 'verify-sophiie', lastName: `${ctx.stamp}-hook`, email: `verify-sophiie+${ctx.stamp}-hook@example.com` };
	const { answer, id: leadId, name } = await createScratch(ctx, ENDPOINTS.lead, lead);
	if (leadId === undefined) return ctx.findings.notChecked('delivery-payload', `the scratch lead was refused: ${answerSummary(answer)}`);
	const about = (delivery: ReceivedDelivery) => delivery.url.includes('event=LEAD_CREATED') && JSON.stringify(delivery.body).includes(leadId);
	const [first, repeat] = await deliveriesOf(ctx, about, 2);
	await ctx.scratch.remove(name);
	if (!first) return ctx.findings.differs('delivery-payload', `no delivery for the new lead came within ${ctx.deliveryWaitMs / 1000} s`);
	const body = objectOf(first.body);
	const enveloped = body !== undefined && (typeof body.id === 'string' || typeof body.id === 'number') && body.data !== undefined;
	const shape = `${shapeOf(first.body)}${enveloped ? `, event ${String(body!.event)}` : ''}`;
	if (!body) return ctx.findings.differs('delivery-payload', `the delivery is not a JSON object: ${shown(first.body)}`);
	if (!repeat) return ctx.findings.holds('delivery-payload', `a JSON object ${shape}; answered 503, no repeat came within ${ctx.deliveryWaitMs / 1000} s`);
	const sameKey = enveloped ? objectOf(repeat.body)?.id === body.id : JSON.stringify(repeat.body) === JSON.stringify(first.body);
	const repeatShape = `repeated ${Math.round((repeat.at - first.at) / 100) / 10} s after the 503 ${sameKey ? (enveloped ? 'with the same id' : 'with the same body') : `with ${enveloped ? 'another id' : 'another body'}`}`;
	ctx.findings.judge('delivery-payload', sameKey, `a JSON object ${shape}; ${repeatShape}`);
}
