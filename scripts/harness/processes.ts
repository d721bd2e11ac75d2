/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type Log = (line: string) => void;

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a step, printing its name and how long it took. */
export async function step<T>(log: Log, name: string, run: () => Promise<T> | T): Promise<T> {
	const started = Date.now();
	log(`▸ ${name}…`);
	// A long step is never silent: it says it is still running every 20 s.
	const ticker = setInterval(() => log(`  … still: ${name} (${seconds(started)})`), 20_000);
	ticker.unref();
	try {
		const result = await run();
		log(`  ✓ ${name} (${seconds(started)})`);
		return result;
	} finally {
		clearInterval(ticker);
	}
}

/**
 * The environment for npm and n8n, without what the caller's own runner set:
 * `npm run`'s npm_* settings, and jest's NODE_ENV=test (n8n exits silently on it).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(npm_|jest_)/i.test(key) && key !== 'NODE_ENV') env[key] = value;
	}
	return { ...env, ...extra };
}

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Prints "… still <what> (elapsed)" every 20 s, so a long install is never silent. */
	progress?: { log: Log; what: string };
}

/**
 * Runs a command with its output in a log file (n8n's and npm's output can be
 * long), and fails with the last lines of it. Resolves with the output.
 */
export async function runLogged(command: string, args: string[], options: RunOptions): Promise<string> {
	const logFile = path.join(options.cwd, `.${path.basename(command)}-${process.pid}-${Date.now()}.log`);
	const out = fs.openSync(logFile, 'w');
	const started = Date.now();
	const ticker = options.progress
		? setInterval(() => options.progress!.log(`    … still ${options.progress!.what} (${seconds(started)})`), 20_000)
		: undefined;
	try {
		const status = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out] });
			child.once('error', reject);
			child.once('exit', (code) => resolve(code));
		});
		const output = fs.readFileSync(logFile, 'utf8');
		if (status !== 0) {
			const tail = output.split('\n').slice(-30).join('\n');
			throw new Error(`${command} ${args.join(' ')} failed (exit ${status}) in ${options.cwd}:\n${tail}`);
		}
		return output;
	} finally {
		clearInterval(ticker);
		fs.closeSync(out);
		fs.rmSync(logFile, { force: true });
	}
}

/**
 * Ties a child process to this one: it is killed if this process exits, and
 * stop() ends it with SIGTERM (SIGKILL after 10 s) and waits until it is gone.
 */
export function stopperFor(child: ChildProcess): () => Promise<void> {
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	return async () => {
		process.removeListener('exit', killOnExit);
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	};
}

/** Clock ticks per second in /proc/<pid>/stat: 100 on Linux for every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system, all threads) a process has used so far, from
 * /proc/<pid>/stat; undefined where there is no /proc or the process is gone.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return undefined;
	}
}
