import { createHash } from 'crypto';

import { REMEMBERED_DELIVERIES } from './triggerFacts';

/**
 * The deliveries a trigger has started the workflow for, in this n8n process:
 * how a repeated delivery (a sender's retry with the same envelope id) is
 * told apart. It lives in memory, not in static data: n8n rewrites a
 * workflow's whole static data after each delivery, so concurrent deliveries
 * writing there would lose each other's entries, and one that read it before
 * a re-activation would write the old subscription back. Memory is exact
 * within a process, but not shared between webhook processors and lost on
 * restart (README: "Repeated deliveries").
 *
 * A delivery is `pending` from the moment the trigger accepts it until n8n
 * has answered the sender: answered 2xx, the workflow was started and it is
 * `accepted`; answered otherwise, n8n did not start it and it is forgotten,
 * so the sender's retry runs. A repeat that comes while the first is pending
 * is asked to come back later rather than dropped, since the first may yet fail.
 */
type State = 'pending' | 'accepted';

interface Entry {
	state: State;
	at: number;
}

export class RecentDeliveries {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly limits = REMEMBERED_DELIVERIES) {}

	/** What this delivery is: new (now pending), or a repeat of one pending or accepted. */
	claim(key: string, now = Date.now()): 'new' | State {
		this.prune(now);
		const entry = this.entries.get(key);
		if (entry) {
			// A pending entry whose answer never came is taken as accepted.
			if (entry.state === 'pending' && now - entry.at > this.limits.pendingMs) entry.state = 'accepted';
			return entry.state;
		}
		this.entries.set(key, { state: 'pending', at: now });
		return 'new';
	}

	accept(key: string) {
		const entry = this.entries.get(key);
		if (entry) entry.state = 'accepted';
	}

	forget(key: string) {
		this.entries.delete(key);
	}

	get size() {
		return this.entries.size;
	}

	/** Oldest first (a Map keeps insertion order): too old, or over the size bound. */
	private prune(now: number) {
		for (const [key, entry] of this.entries) {
			if (now - entry.at <= this.limits.maxAgeMs && this.entries.size < this.limits.max) break;
			this.entries.delete(key);
		}
	}
}

const memories = new Map<string, RecentDeliveries>();

/**
 * One delivery against the memory of its trigger's route in its workflow:
 * what it is, and how to settle it once n8n has answered. The key is kept
 * hashed, so no payload stays in memory.
 */
export function rememberDelivery(scope: string, key: string): { seen: 'new' | State; settle: (started: boolean) => void } {
	let memory = memories.get(scope);
	if (!memory) {
		memory = new RecentDeliveries();
		memories.set(scope, memory);
	}
	const remembered = memory;
	const hashed = createHash('sha256').update(key).digest('base64');
	return {
		seen: remembered.claim(hashed),
		settle: (started) => (started ? remembered.accept(hashed) : remembered.forget(hashed)),
	};
}
