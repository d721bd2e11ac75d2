import { createHash } from 'crypto';

import { sleep } from 'n8n-workflow';

/**
 * Sophiie limits requests per API key, and one n8n runs many executions with
 * the same key at once. When Sophiie answers 429 with a wait, every request
 * with that key in this n8n process holds off until the wait is over, instead
 * of each running into the limit again on its own. Keys are held as hashes
 * (`rateLimitKey`, computed once per execution, not per request).
 */
const resumeAt = new Map<string, number>();

/** The key requests are paced by: a hash of the access token, so the token itself is not kept. */
export const rateLimitKey = (token: string) => createHash('sha256').update(token).digest('hex');

/** No request with this key before `ms` from now. */
export function holdOff(key: string, ms: number) {
	const until = Date.now() + ms;
	if (until > (resumeAt.get(key) ?? 0)) resumeAt.set(key, until);
}

/** Waits until requests with this key may be sent; how long it waited. */
export async function awaitTurn(key: string): Promise<number> {
	const until = resumeAt.get(key);
	if (until === undefined) return 0;
	const waitMs = until - Date.now();
	if (waitMs <= 0) {
		resumeAt.delete(key);
		return 0;
	}
	await sleep(waitMs);
	return waitMs;
}
