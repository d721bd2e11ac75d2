/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling, never published: the rules for node code do not apply */
import { Writable } from 'node:stream';

import { enableLeakRecording, recordedForLeakCheck } from '../../scripts/harness/leak-record';

/**
 * The suite-wide leak check. Every test file runs with this module: it keeps
 * the console lines n8n-core writes (its logger reports node errors there)
 * instead of printing them, turns on the harness's recording of each run
 * (outputs, errors with all their properties, trigger responses), and after
 * the file's tests asserts that no access token used in them appears in any
 * of it. SHOW_N8N_LOGS=1 also prints the console lines.
 */
const lines: string[] = [];
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

enableLeakRecording();

afterAll(() => {
	const { recorded, tokens } = recordedForLeakCheck();
	const haystack = [...recorded, ...lines].join('\n');
	const leaked = [...tokens].filter((token) => haystack.includes(token));
	expect(leaked).toEqual([]);
});
