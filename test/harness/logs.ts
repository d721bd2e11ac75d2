/**
 * n8n-core reports node errors through its logger, which writes to the
 * console. Tests keep those lines (to check, for example, that no token is
 * ever logged) instead of printing them; SHOW_N8N_LOGS=1 prints them too.
 */
const lines: string[] = [];

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[level].bind(console);
	console[level] = (...args: unknown[]) => {
		lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
		if (process.env.SHOW_N8N_LOGS) original(...args);
	};
}

/** Every console line written since the test process started. */
export function capturedLogs(): readonly string[] {
	return lines;
}
