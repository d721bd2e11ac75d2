/**
 * What the harness produced in a test file, kept for the leak check in
 * leak-guard.ts. Off unless a test file turns it on (benchmarks leave it off).
 */
const recorded: string[] = [];
const tokens = new Set<string>();
let enabled = false;

export function enableLeakRecording() {
	enabled = true;
}

export function recordedForLeakCheck() {
	return { recorded, tokens };
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
	if (!enabled) return;
	if (typeof token === 'string' && token.length >= 8) tokens.add(token);
	for (const value of produced) recorded.push(serialize(value));
}

