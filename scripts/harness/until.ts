/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { setTimeout as wait } from 'node:timers/promises';

/**
 * The one wait-until helper of the scripts and the tests: calls `probe` every
 * `pollMs` until it gives a value (anything but undefined) and returns it; a
 * probe that throws ends the wait with its error; after `timeoutMs` it throws
 * "Timed out waiting for <what>".
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, pollMs = 200): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await wait(pollMs);
	}
}
