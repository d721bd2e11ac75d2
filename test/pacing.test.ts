import { Pacer } from '../nodes/shared/transport/pacing';

/**
 * The pacer against a simulated Sophiie with a sliding-window rate limit and
 * `Retry-After` in whole seconds (as the sandbox answers), on an injected clock:
 * each client sends its requests one after another, the answer takes
 * `latencyMs`, and a 429's request is sent again when its turn comes.
 */
function simulate({
	clients,
	requests,
	limit,
	windowMs,
	latencyMs = () => 4,
	latenessMs = () => 0,
}: {
	clients: number;
	requests: number;
	limit: number;
	windowMs: number;
	latencyMs?: () => number;
	/** How late a request leaves after its turn (a busy event loop). */
	latenessMs?: () => number;
}) {
	let now = 0;
	const pacer = new Pacer(() => now);
	const hits: number[] = [];
	let accepted = 0;
	let rejected = 0;
	let started = 0;
	type Event = { at: number; run: () => void };
	const events: Event[] = [];
	const schedule = (at: number, run: () => void) => events.push({ at, run });
	const arrive = (sendAt: number) => {
		const latency = latencyMs();
		schedule(sendAt + latency / 2, () => {
			const recent = hits.filter((at) => at > now - windowMs);
			hits.splice(0, hits.length, ...recent);
			if (recent.length >= limit) {
				rejected++;
				const retryAfterMs = Math.max(1, Math.ceil((recent[0] + windowMs - now) / 1000)) * 1000;
				schedule(now + latency / 2, () => {
					pacer.rateLimited(sendAt, retryAfterMs);
					send();
				});
				return;
			}
			hits.push(now);
			accepted++;
			schedule(now + latency / 2, () => {
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
	return { accepted, rejected, share: accepted / now / ceilingPerMs, pacer, elapsedMs: now };
}

describe('pacing under a shared rate limit', () => {
	test('one execution, 300 requests at 10 per second: at least 95 % of the ceiling, and the limit is met a few times only', () => {
		const run = simulate({ clients: 1, requests: 300, limit: 10, windowMs: 1000 });
		expect(run.accepted).toBe(300);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.rejected).toBeLessThanOrEqual(3);
		expect(run.pacer.spacing).toBeGreaterThan(100);
	});

	test('eight executions on one key, 480 requests: at least 95 % of the ceiling', () => {
		const run = simulate({ clients: 8, requests: 480, limit: 10, windowMs: 1000 });
		expect(run.accepted).toBe(480);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.rejected).toBeLessThanOrEqual(20);
	});

	test('100 per second, answers taking 2 to 14 ms against a 10 ms spacing: a late request makes up for it', () => {
		let seed = 7;
		const jitter = () => 2 + ((seed = (seed * 16807) % 2147483647) % 1200) / 100;
		const run = simulate({ clients: 1, requests: 3000, limit: 100, windowMs: 1000, latencyMs: jitter });
		expect(run.accepted).toBe(3000);
		// Within 3 % of what the learned spacing allows.
		const allowed = 1000 / 100 / run.pacer.spacing;
		expect(run.share).toBeGreaterThanOrEqual(allowed * 0.97);
		expect(run.rejected).toBeLessThanOrEqual(3);
	});

	test('eight executions on a busy event loop (requests leave up to 25 ms late): still at least 95 %, and no more 429s once paced', () => {
		let seed = 11;
		const lateness = () => ((seed = (seed * 16807) % 2147483647) % 2500) / 100;
		const run = simulate({ clients: 8, requests: 480, limit: 10, windowMs: 1000, latenessMs: lateness });
		expect(run.accepted).toBe(480);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.rejected).toBeLessThanOrEqual(10);
	});

	test('a 60-per-minute limit (Retry-After up to a minute) is learned from its first 429 too', () => {
		const run = simulate({ clients: 2, requests: 200, limit: 60, windowMs: 60_000 });
		expect(run.accepted).toBe(200);
		expect(run.share).toBeGreaterThanOrEqual(0.95);
		expect(run.pacer.spacing).toBeGreaterThanOrEqual(1000);
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
