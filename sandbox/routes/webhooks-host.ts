/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import type { Route } from '../http';
import { HttpError, ok } from '../http';
import { appointmentSamples, inquirySamples, leadSamples } from '../samples';
import { SubscriptionError } from '../webhooks';
import type { HostContext } from './context';

/** The webhooks host's Zapier API (sophiie-api.md §11): subscribe, unsubscribe, and sample data. */

/** `org_id` and `user_id` as the webhooks host requires them: the token's organization and one of its members. */
function requireOrgAndUser({ state, orgId, query }: HostContext): string {
	const userId = query.get('user_id');
	const isMember = state.store.members.get(orgId)!.some((member) => member.id === userId);
	if (query.get('org_id') !== orgId || !userId || !isMember) throw new HttpError(400);
	return userId;
}

/** The hub's refusals as the host's documented errors. */
function asHttpError<T>(call: () => T): T {
	try {
		return call();
	} catch (error) {
		if (error instanceof SubscriptionError) throw new HttpError(error.status);
		throw error;
	}
}

const SAMPLES = { leads: leadSamples, appointments: appointmentSamples, inquiries: inquirySamples };

export const webhooksHostRoutes: Array<Route<HostContext>> = [
	{
		method: 'POST',
		path: '/api/webhooks/zapier/subscribe',
		handle: (context) => {
			const subscription = asHttpError(() =>
				context.webhooks.subscribe(context.orgId, requireOrgAndUser(context), context.body),
			);
			return ok(context.state.dialect.subscribed(subscription.id));
		},
	},
	{
		method: 'DELETE',
		path: '/api/webhooks/zapier/unsubscribe',
		handle: (context) => {
			// The endpoint page sends hookId with org_id/user_id; the overview example sends hookUrl + trigger alone.
			if ((context.body as { hookId?: unknown } | undefined)?.hookId !== undefined) requireOrgAndUser(context);
			asHttpError(() => context.webhooks.unsubscribe(context.orgId, context.body));
			return ok({ success: true });
		},
	},
	...Object.entries(SAMPLES).map(
		([kind, samples]): Route<HostContext> => ({
			method: 'GET',
			path: `/api/webhooks/zapier/${kind}`,
			handle: (context) => {
				requireOrgAndUser(context);
				return ok(samples(context.state.store.listLeads(context.orgId).slice(0, 5)));
			},
		}),
	),
];
