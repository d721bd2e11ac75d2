import { Writable } from 'node:stream';

/**
 * n8n-core reports node errors through its logger, which writes to the
 * console. Tests keep those lines (to check, for example, that no token is
 * ever logged) instead of printing them; SHOW_N8N_LOGS=1 prints them too.
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

/** Every console line written since the test process started. */
export function capturedLogs(): readonly string[] {
	return lines;
}
