import { createHash } from 'crypto';

import { sleep } from 'n8n-workflow';

/**
 * Sophiie limits requests per API key, and one n8n runs many executions with
 * the same key at once. Every request with a key in this n8n process goes
 * through that key's Pacer:
 *
 * - a 429's `Retry-After` holds every request with the key until it is over,
 *   instead of each running into the limit again on its own;
 * - each 429 also teaches the pacer the rate Sophiie allows: the requests it
 *   accepted within the `Retry-After` before it, per that time. From then on
 *   requests are spaced a little under that rate, so they stop running
 *   into the limit: `Retry-After` comes in whole seconds, and waiting it out
 *   after every burst leaves part of each window unused. And no request
 *   leaves while as many as Sophiie accepted left within the last window, by
 *   the times they really left (a busy event loop sends some late, and a late
 *   one followed by one on time must not fit one more into the window);
 * - after the key has been idle for the longest `Retry-After` seen, Sophiie's
 *   window is empty again and the pacer forgets the rate (the limit may have
 *   changed); the next 429 teaches it afresh.
 *
 * Keys are held as hashes (`rateLimitKey`, computed once per execution).
 */

/** Requests are spaced this much wider than the rate learned, to stay under it. */
const MARGIN = 1.01;
/** A 429 while pacing means the rate was too fast: the spacing grows at least this much. */
const BACK_OFF = 1.02;
/** What a request's way to Sophiie may vary by, kept between it and the window: doubled on each 429 while pacing. */
const FIRST_GUARD_MS = 10;
const MAX_GUARD_MS = 500;
/** Send times kept per key (accepted ones, and departures for the window), at most. */
const MAX_SENDS_KEPT = 10_000;

export class Pacer {
	private resumeAt = 0;
	private nextSlot = 0;
	/** The learned spacing between requests; 0 until a 429 teaches one. */
	private spacingMs = 0;
	private longestRetryAfterMs = 0;
	private lastSentAt = Number.NEGATIVE_INFINITY;
	/** How many unused slots a late request may make up for (a tenth of the window's limit): the window's clearance still holds. */
	private catchUpSlots = 0;
	/** When the spacing last changed: requests sent before then were not paced by it. */
	private learnedAt = Number.NEGATIVE_INFINITY;
	/** When each request Sophiie accepted (answered other than 429) was sent, oldest first. */
	private accepted: number[] = [];
	/** When each request really left (not answered 429), oldest first. */
	private departures: number[] = [];
	/** How many requests Sophiie accepted within its window, and that window, once a 429 taught them. */
	private windowLimit = 0;
	private windowMs = 0;
	private guardMs = FIRST_GUARD_MS;

	constructor(private readonly now: () => number = Date.now) {}

	/** The key was idle for the longest Retry-After: Sophiie's window is empty, and the limit may have changed. */
	private forget() {
		this.spacingMs = 0;
		this.windowLimit = 0;
		this.guardMs = FIRST_GUARD_MS;
	}

	/** The learned spacing, in ms (0: not pacing). */
	get spacing(): number {
		return this.spacingMs;
	}

	/** Reserves the next moment a request may be sent: how long to wait for it, and that moment. */
	reserve(): { waitMs: number; sendAt: number } {
		const now = this.now();
		const idleSince = Math.max(this.lastSentAt, this.resumeAt);
		if (this.spacingMs > 0 && now - idleSince >= this.longestRetryAfterMs) this.forget();
		// A request that comes late for its slot may use slots left unused, as far
		// as the margin under Sophiie's limit allows, so lateness does not add up.
		const slot = Math.max(this.nextSlot, now - this.catchUpSlots * this.spacingMs);
		const sendAt = Math.max(now, this.resumeAt, this.spacingMs > 0 ? slot : now);
		this.nextSlot = Math.max(slot, sendAt - this.catchUpSlots * this.spacingMs) + this.spacingMs;
		this.lastSentAt = sendAt;
		return { waitMs: sendAt - now, sendAt };
	}

	/**
	 * How long until one more request may leave without being the last of more
	 * than Sophiie accepted within one window (0: now).
	 */
	clearance(): number {
		if (this.windowLimit === 0 || this.departures.length < this.windowLimit) return 0;
		const opensAt = this.departures[this.departures.length - this.windowLimit] + this.windowMs + this.guardMs;
		return Math.max(0, opensAt - this.now());
	}

	/** A request leaves now: when. */
	depart(): number {
		const at = this.now();
		this.departures.push(at);
		if (this.departures.length > MAX_SENDS_KEPT) this.departures.splice(0, MAX_SENDS_KEPT / 2);
		return at;
	}

	/** The request sent at `sentAt` was answered, other than 429: Sophiie counted it. */
	answered(sentAt: number) {
		this.accepted.push(sentAt);
		if (this.accepted.length > MAX_SENDS_KEPT) this.accepted.splice(0, MAX_SENDS_KEPT / 2);
	}

	/** The request sent at `sentAt` was answered 429 with this wait: hold every request, and learn the rate. */
	rateLimited(sentAt: number, retryAfterMs: number) {
		const now = this.now();
		this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs);
		this.longestRetryAfterMs = Math.max(this.longestRetryAfterMs, retryAfterMs);
		const departed = this.departures.lastIndexOf(sentAt);
		if (departed !== -1) this.departures.splice(departed, 1);
		this.accepted = this.accepted.filter((at) => at > now - this.longestRetryAfterMs);
		const accepted = this.accepted.filter((at) => at > now - retryAfterMs).length;
		const learned = accepted > 0 ? (retryAfterMs * MARGIN) / accepted : 0;
		// Sophiie accepted no more than its limit within the wait, so the rate
		// learned is never above it: the latest, most informed one holds. Only a
		// request sent at the current spacing says that spacing is too fast.
		const pacedAtCurrentSpacing = this.spacingMs > 0 && sentAt >= this.learnedAt;
		const spacing = pacedAtCurrentSpacing ? Math.max(learned, this.spacingMs * BACK_OFF) : learned || this.spacingMs;
		if (pacedAtCurrentSpacing) this.guardMs = Math.min(MAX_GUARD_MS, this.guardMs * 2);
		if (accepted > 0) [this.windowLimit, this.windowMs] = [accepted, retryAfterMs];
		if (spacing !== this.spacingMs) {
			this.spacingMs = spacing;
			this.learnedAt = now;
			this.catchUpSlots = Math.floor(accepted / 10);
		}
	}
}

const pacers = new Map<string, Pacer>();

/** The key requests are paced by: a hash of the access token, so the token itself is not kept. */
export const rateLimitKey = (token: string) => createHash('sha256').update(token).digest('hex');

/** The pacer of a key, made on first use. */
export function pacerFor(key: string): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(key, pacer);
	}
	return pacer;
}

/**
 * Waits for a request's turn with this pacer: its slot, then the window's
 * clearance. Returns how long it waited and when it left.
 */
export async function takeTurn(pacer: Pacer): Promise<{ heldMs: number; sendAt: number }> {
	const { waitMs } = pacer.reserve();
	let heldMs = waitMs;
	if (waitMs > 0) await sleep(waitMs);
	for (let extra = pacer.clearance(); extra > 0; extra = pacer.clearance()) {
		await sleep(extra);
		heldMs += extra;
	}
	return { heldMs, sendAt: pacer.depart() };
}
