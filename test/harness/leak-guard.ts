import { Writable } from 'node:stream';

/**
 * The suite-wide leak check. Every test file runs with this module: it keeps
 * the console lines n8n-core writes (its logger reports node errors there)
 * instead of printing them, collects what the harness records of each run
 * (outputs, errors with all their properties, trigger responses), and after
 * the file's tests asserts that no access token used in them appears in any
 * of it. SHOW_N8N_LOGS=1 also prints the console lines.
 */
const lines: string[] = [];
const recorded: string[] = [];
const tokens = new Set<string>();
const show = Boolean(process.env.SHOW_N8N_LOGS);

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[level].bind(console);
	console[level] = (...args: unknown[]) => {
		lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
		if (show) original(...args);
	};
}

// winston's console transport writes to these streams directly.
const consoleStreams = console as unknown as Record<'_stdout' | '_stderr', NodeJS.WritableStream | undefined>;
for (const name of ['_stdout', '_stderr'] as const) {
	const original = consoleStreams[name];
	consoleStreams[name] = new Writable({
		write(chunk, _encoding, done) {
			lines.push(String(chunk));
			if (show) original?.write(chunk);
			done();
		},
	});
}

/** Every console line written since this test file started. */
export function capturedLogs(): readonly string[] {
	return lines;
}

/** Serializes a value with every own property of errors (message, description, stack, cause…). */
export function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function (_key, item: unknown) {
		if (item && typeof item === 'object') {
			if (seen.has(item)) return '[circular]';
			seen.add(item);
			if (item instanceof Error) {
				const plain: Record<string, unknown> = {};
				for (const name of Object.getOwnPropertyNames(item)) plain[name] = (item as unknown as Record<string, unknown>)[name];
				return plain;
			}
		}
		return item;
	});
}

/** What a run produced and the token it used, for the leak check. */
export function recordForLeakCheck(token: unknown, ...produced: unknown[]) {
	if (typeof token === 'string' && token.length >= 8) tokens.add(token);
	for (const value of produced) recorded.push(serialize(value));
}

afterAll(() => {
	const haystack = [...recorded, ...lines].join('\n');
	const leaked = [...tokens].filter((token) => haystack.includes(token));
	expect(leaked).toEqual([]);
});
