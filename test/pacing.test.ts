import { Pacer } from '../nodes/shared/transport/pacing';

/**
 * The pacer against a simulated Sophiie with a sliding-window rate limit and
 * `Retry-After` in whole seconds (as the sandbox answers), on an injected clock:
 * each client sends its requests one after another, the answer takes
 * `latencyMs` (half each way unless `wayOutMs` says how long the way to
 * Sophiie takes), and a 429's request is sent again when its turn comes.
 * `rejectedOncePaced` counts the 429s of requests sent after the first 429
 * was answered: the ones pacing should have avoided.
 */
function simulate({
	clients,
	requests,
	limit,
	windowMs,
	latencyMs = () => 4,
	latenessMs = () => 0,
	wayOutMs,
	readLatenessMs = () => 0,
}: {
	clients: number;
	requests: number;
	limit: number;
	windowMs: number;
	latencyMs?: () => number;
	/** How late a request leaves after its turn (a busy event loop). */
	latenessMs?: () => number;
	/** How long a request takes from leaving to Sophiie counting it (a busy event loop, the network). */
	wayOutMs?: () => number;
	/** How late each answer is read once it is back (a busy event loop), each by its own amount, so answers may be read out of order. */
	readLatenessMs?: () => number;
}) {
	let now = 0;
	const pacer = new Pacer(() => now);
	const hits: number[] = [];
	let accepted = 0;
	let rejected = 0;
	let rejectedOncePaced = 0;
	let pacedSince = Number.POSITIVE_INFINITY;
	let started = 0;
	type Event = { at: number; run: () => void };
	const events: Event[] = [];
	const schedule = (at: number, run: () => void) => events.push({ at, run });
	const arrive = (sendAt: number) => {
		const latency = latencyMs();
		schedule(sendAt + (wayOutMs?.() ?? latency / 2), () => {
			const recent = hits.filter((at) => at > now - windowMs);
			hits.splice(0, hits.length, ...recent);
			if (recent.length >= limit) {
				rejected++;
				if (sendAt > pacedSince) rejectedOncePaced++;
				const retryAfterMs = Math.max(1, Math.ceil((recent[0] + windowMs - now) / 1000)) * 1000;
				schedule(now + latency / 2 + readLatenessMs(), () => {
					pacedSince = Math.min(pacedSince, now);
					pacer.rateLimited(sendAt, retryAfterMs);
					send();
				});
				return;
			}
			hits.push(now);
			accepted++;
			schedule(now + latency / 2 + readLatenessMs(), () => {
				pacer.answered(sendAt);
				next();
			});
		});
	};
	// As takeTurn does: the slot, then the window's clearance, each waited for (and maybe overslept).
	const leave = (at: number) =>
		schedule(at, () => {
			const extra = pacer.clearance();
			if (extra > 0) leave(now + extra + latenessMs());
			else arrive(pacer.depart());
		});
	const send = () => leave(pacer.reserve().sendAt + latenessMs());
	const next = () => {
		if (started >= requests) return;
		started++;
		send();
	};
	for (let client = 0; client < clients; client++) next();
	while (events.length) {
		events.sort((a, b) => a.at - b.at);
		const event = events.shift()!;
		now = Math.max(now, event.at);
		event.run();
	}
	const ceilingPerMs = limit / windowMs;
	return { accepted, rejected, rejectedOncePaced, share: accepted / now / ceilingPerMs, pacer, elapsedMs: now };
}

describe('pacing under a shared rate limit', () => {
	/** A repeatable pseudo-random source of whole hundredths in [0, range). */
	const jitter = (seed: number, range: number) => () => ((seed = (seed * 16807) % 2147483647) % (range * 100)) / 100;

	test('one execution, 300 requests at 10 per second: at least 95 % of the ceiling, no 429 once paced', () => {
		const run = simulate({ clients: 1, requests: 300, limit: 10, windowMs: 1000 });
		expect(run.accepted).toBe(300);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.rejected).toBe(1);
		expect(run.rejectedOncePaced).toBe(0);
		expect(run.pacer.spacing).toBeGreaterThan(100);
	});

	test('eight executions on one key, 480 requests: at least 95 % of the ceiling, no 429 once paced', () => {
		const run = simulate({ clients: 8, requests: 480, limit: 10, windowMs: 1000 });
		expect(run.accepted).toBe(480);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.rejectedOncePaced).toBe(0);
	});

	test('100 per second, answers taking 2 to 14 ms against a 10 ms spacing: a late request makes up for it', () => {
		const run = simulate({ clients: 1, requests: 3000, limit: 100, windowMs: 1000, latencyMs: () => 2 + jitter(7, 12)() });
		expect(run.accepted).toBe(3000);
		// Within 3 % of what the learned spacing allows.
		const allowed = 1000 / 100 / run.pacer.spacing;
		expect(run.share).toBeGreaterThanOrEqual(allowed * 0.97);
		expect(run.rejectedOncePaced).toBe(0);
	});

	test('eight executions on a busy event loop (requests leave up to 25 ms late): still at least 95 %, no 429 once paced', () => {
		const run = simulate({ clients: 8, requests: 480, limit: 10, windowMs: 1000, latenessMs: jitter(11, 25) });
		expect(run.accepted).toBe(480);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.rejectedOncePaced).toBe(0);
	});

	test('requests that reach Sophiie 0 to 60 ms after they left, in any order: no 429 once paced, at least 95 %', () => {
		// Sophiie counts a request when it arrives, which the pacer cannot see:
		// a window measured from departures lets a slow one and a fast one meet there.
		for (const clients of [1, 8]) {
			const run = simulate({ clients, requests: 480, limit: 10, windowMs: 1000, wayOutMs: jitter(3 + clients, 60) });
			expect(run.accepted).toBe(480);
			expect(run.rejectedOncePaced).toBe(0);
			expect(run.share).toBeGreaterThanOrEqual(0.95);
		}
	});

	test('eight executions whose answers are read 0 to 20 ms late, in no set order: the limit is learned whole, at least 95 %', () => {
		// A busy n8n may read the first 429 before an accepted answer that came
		// back earlier; that answer still belongs to the 429's lesson, or the pacer
		// learns 9 (or fewer) where Sophiie allows 10 and runs at 89 % for good.
		for (let seed = 1; seed <= 40; seed++) {
			const run = simulate({ clients: 8, requests: 480, limit: 10, windowMs: 1000, readLatenessMs: jitter(seed * 7 + 20, 20), wayOutMs: jitter(seed + 100, 3) });
			expect({ seed, accepted: run.accepted, rejectedOncePaced: run.rejectedOncePaced }).toEqual({ seed, accepted: 480, rejectedOncePaced: 0 });
			expect(run.pacer.spacing).toBeCloseTo((1000 * 1.01) / 10);
			expect(run.share).toBeGreaterThanOrEqual(0.95);
		}
	});

	test("an accepted request's answer read after the 429's still counts in what the 429 taught", () => {
		let now = 0;
		const pacer = new Pacer(() => now);
		const sent = Array.from({ length: 10 }, () => pacer.depart());
		const rejected = pacer.depart();
		now = 5;
		for (const sentAt of sent.slice(0, 9)) pacer.answered(sentAt);
		now = 6;
		pacer.rateLimited(rejected, 1000);
		expect(pacer.spacing).toBeCloseTo((1000 * 1.01) / 9);
		now = 7;
		pacer.answered(sent[9]);
		expect(pacer.spacing).toBeCloseTo((1000 * 1.01) / 10);
		// A request sent after the 429 was read taught nothing about the window it found full.
		now = 1006;
		pacer.answered(pacer.depart());
		expect(pacer.spacing).toBeCloseTo((1000 * 1.01) / 10);
	});

	test('a 60-per-minute limit (Retry-After up to a minute) is learned from its first 429 too', () => {
		const run = simulate({ clients: 2, requests: 200, limit: 60, windowMs: 60_000 });
		expect(run.accepted).toBe(200);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.pacer.spacing).toBeGreaterThanOrEqual(1000);
	});

	test('a request in flight, or one whose answer was lost, counts as inside the window', () => {
		let now = 0;
		const pacer = new Pacer(() => now);
		for (let n = 0; n < 2; n++) pacer.answered(pacer.depart());
		pacer.rateLimited(pacer.depart(), 1000);
		now = 1000;
		pacer.depart();
		pacer.depart();
		// Two accepted within the window, both in flight: a third must wait for an answer.
		expect(pacer.clearance()).toBeGreaterThan(0);
		pacer.lost();
		now = 1010;
		pacer.answered(1000);
		// Both came back (one lost at 1000, one answered at 1010): Sophiie may have
		// counted the first as late as 1000, so one more fits from 2000 on.
		expect(pacer.clearance()).toBe(990);
		now = 1999;
		expect(pacer.clearance()).toBe(1);
		now = 2000;
		expect(pacer.clearance()).toBe(0);
	});

	test('without a 429 nothing is paced; after the key is idle for the longest Retry-After, the rate is forgotten', () => {
		let now = 0;
		const pacer = new Pacer(() => now);
		const turns = [pacer.reserve(), pacer.reserve()];
		expect(turns.map((turn) => turn.waitMs)).toEqual([0, 0]);
		for (const turn of turns) pacer.answered(turn.sendAt);
		const { sendAt } = pacer.reserve();
		pacer.rateLimited(sendAt, 1000);
		expect(pacer.reserve().waitMs).toBe(1000);
		expect(pacer.spacing).toBeCloseTo((1000 * 1.01) / 2);
		now = 1000 + pacer.spacing / 2;
		expect(pacer.reserve().waitMs).toBeCloseTo(pacer.spacing / 2);
		now += 5000;
		expect(pacer.reserve().waitMs).toBe(0);
		expect(pacer.spacing).toBe(0);
	});

	test('a 429 while pacing widens the spacing by at least 2 %', () => {
		let now = 0;
		const pacer = new Pacer(() => now);
		for (let n = 0; n < 10; n++) pacer.answered(pacer.reserve().sendAt);
		now = 10;
		pacer.rateLimited(pacer.reserve().sendAt, 1000);
		const learned = pacer.spacing;
		now = 1010;
		pacer.rateLimited(pacer.reserve().sendAt, 1000);
		expect(pacer.spacing).toBeGreaterThanOrEqual(learned * 1.02);
	});
});
