import { createHash } from 'crypto';

import { sleep } from 'n8n-workflow';

/**
 * Sophiie limits requests per API key, and one n8n runs many executions with
 * the same key at once. Every request with a key in this n8n process goes
 * through that key's Pacer:
 *
 * - a 429's `Retry-After` holds every request with the key until it is over,
 *   instead of each running into the limit again on its own;
 * - each 429 also teaches the pacer Sophiie's window: the requests it accepted
 *   that were sent within the `Retry-After` before the 429 was read, and that
 *   time, counting an accepted answer read after the 429's too (a busy n8n
 *   reads answers in no set order). From then on requests are spaced a
 *   little under that rate, and none leaves while the window could still
 *   hold as many as Sophiie accepted. Sophiie counts a request when it
 *   arrives, which the pacer cannot see, but it arrived before its answer
 *   came back: so a request answered at `t` has left Sophiie's window by
 *   `t + window`, and one still in flight is counted as inside it. However late
 *   a busy event loop or the network delivers a request, it cannot be the
 *   limit's one too many; what this costs is one round trip per window;
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
/** How often a request waiting for a full window of requests still in flight looks again. */
const IN_FLIGHT_RECHECK_MS = 5;
/** Times kept per key (sends Sophiie accepted, and their answers), at most. */
const MAX_TIMES_KEPT = 10_000;

/** Appends `at`, dropping the older half once the list is long. */
function keep(times: number[], at: number) {
	times.push(at);
	if (times.length > MAX_TIMES_KEPT) times.splice(0, MAX_TIMES_KEPT / 2);
}

/** A 429's lesson: the requests Sophiie accepted that were sent within the `Retry-After` before it was read. */
interface Lesson {
	/** When the 429 was read: an accepted request sent within the wait before counts, however late its own answer is read. */
	readAt: number;
	retryAfterMs: number;
	accepted: number;
	/** The spacing a 429 while pacing widens to, at least (0: none). */
	atLeastMs: number;
}

export class Pacer {
	private resumeAt = 0;
	private nextSlot = 0;
	/** The learned spacing between requests; 0 until a 429 teaches one. */
	private spacingMs = 0;
	private longestRetryAfterMs = 0;
	private lastSentAt = Number.NEGATIVE_INFINITY;
	/** How many unused slots a late request may make up for (a tenth of the window's limit): the window rule still holds. */
	private catchUpSlots = 0;
	/** When the spacing last changed: requests sent before then were not paced by it. */
	private learnedAt = Number.NEGATIVE_INFINITY;
	/** When each request Sophiie accepted (answered other than 429) was sent, oldest first. */
	private acceptedSends: number[] = [];
	/** When each request that may have counted came back (answered other than 429, or lost), oldest first. */
	private answers: number[] = [];
	/** Requests sent and not yet answered. */
	private inFlight = 0;
	/** How many requests Sophiie accepted within its window, and that window, once a 429 taught them. */
	private windowLimit = 0;
	private windowMs = 0;
	/** What the latest 429 taught; answers read after it may still add to it. */
	private lesson: Lesson | null = null;

	constructor(private readonly now: () => number = Date.now) {}

	/** The key was idle for the longest Retry-After: Sophiie's window is empty, and the limit may have changed. */
	private forget() {
		this.spacingMs = 0;
		this.windowLimit = 0;
		this.lesson = null;
	}

	/** The learned spacing, in ms (0: not pacing). */
	get spacing(): number {
		return this.spacingMs;
	}

	/** Reserves the next moment a request may be sent: how long to wait for it, and that moment. */
	reserve(): { waitMs: number; sendAt: number } {
		const now = this.now();
		const idleSince = Math.max(this.lastSentAt, this.resumeAt);
		if (this.spacingMs > 0 && this.inFlight === 0 && now - idleSince >= this.longestRetryAfterMs) this.forget();
		// A request that comes late for its slot may use slots left unused, as far
		// as the margin under Sophiie's limit allows, so lateness does not add up.
		const slot = Math.max(this.nextSlot, now - this.catchUpSlots * this.spacingMs);
		const sendAt = Math.max(now, this.resumeAt, this.spacingMs > 0 ? slot : now);
		this.nextSlot = Math.max(slot, sendAt - this.catchUpSlots * this.spacingMs) + this.spacingMs;
		this.lastSentAt = sendAt;
		return { waitMs: sendAt - now, sendAt };
	}

	/**
	 * How long until one more request may leave without Sophiie's window
	 * possibly holding more than it accepted (0: now). In the window: every
	 * request in flight, and every answer of the last window.
	 */
	clearance(): number {
		const now = this.now();
		return Math.max(0, this.resumeAt - now, this.windowWait(now));
	}

	private windowWait(now: number): number {
		if (this.windowLimit === 0) return 0;
		if (this.inFlight >= this.windowLimit) return IN_FLIGHT_RECHECK_MS;
		// The answer that must leave the window for this request to fit in it.
		const blocking = this.answers.length - (this.windowLimit - this.inFlight);
		return blocking < 0 ? 0 : this.answers[blocking] + this.windowMs - now;
	}

	/** A request leaves now: when. Each departure is settled by `answered`, `lost` or `rateLimited`. */
	depart(): number {
		this.inFlight++;
		return this.now();
	}

	/** A request that left came back, one way or another. */
	private settle() {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	/** The request sent at `sentAt` was answered, other than 429: Sophiie counted it. */
	answered(sentAt: number) {
		this.settle();
		keep(this.acceptedSends, sentAt);
		keep(this.answers, this.now());
		// Sent within the lesson's wait and accepted, it counts though a busy n8n
		// read its answer after the 429's (answers are read in no set order).
		const lesson = this.lesson;
		if (lesson && sentAt > lesson.readAt - lesson.retryAfterMs && sentAt <= lesson.readAt) {
			lesson.accepted++;
			this.learn(lesson);
		}
	}

	/** The request's answer was lost (reset, timeout): Sophiie may have counted it, no later than now. */
	lost() {
		this.settle();
		keep(this.answers, this.now());
	}

	/** The request sent at `sentAt` was answered 429 with this wait: hold every request, and learn the rate. */
	rateLimited(sentAt: number, retryAfterMs: number) {
		this.settle();
		const now = this.now();
		this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs);
		this.longestRetryAfterMs = Math.max(this.longestRetryAfterMs, retryAfterMs);
		this.acceptedSends = this.acceptedSends.filter((at) => at > now - this.longestRetryAfterMs);
		// Only a request sent at the current spacing says that spacing is too fast.
		const pacedAtCurrentSpacing = this.spacingMs > 0 && sentAt >= this.learnedAt;
		this.lesson = {
			readAt: now,
			retryAfterMs,
			accepted: this.acceptedSends.filter((at) => at > now - retryAfterMs).length,
			atLeastMs: pacedAtCurrentSpacing ? this.spacingMs * BACK_OFF : 0,
		};
		this.learn(this.lesson);
	}

	/**
	 * Paces by a lesson: Sophiie accepted no more than its limit within the
	 * wait, so the rate learned is never above it, and the latest, most informed
	 * lesson holds.
	 */
	private learn({ accepted, retryAfterMs, atLeastMs }: Lesson) {
		const learned = accepted > 0 ? (retryAfterMs * MARGIN) / accepted : 0;
		const spacing = Math.max(learned, atLeastMs) || this.spacingMs;
		if (accepted > 0) [this.windowLimit, this.windowMs] = [accepted, retryAfterMs];
		if (spacing !== this.spacingMs) {
			this.spacingMs = spacing;
			this.learnedAt = this.now();
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
