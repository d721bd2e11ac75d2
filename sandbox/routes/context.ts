import type { SandboxState } from '../state';
import type { WebhookHub } from '../webhooks';

/** What a route of either Sophiie host sees: an authenticated organization's request. */
export interface HostContext {
	state: SandboxState;
	webhooks: WebhookHub;
	/** The organization of the request's bearer token. */
	orgId: string;
	query: URLSearchParams;
	body: unknown;
}
