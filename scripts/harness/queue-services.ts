/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { freePort } from './ports';
import { projectRoot } from './pack';
import type { Log } from './processes';
import { runLogged, stopperFor } from './processes';
import { until } from './until';

/**
 * The two services n8n's queue mode needs, as private instances of Debian's
 * packages: a Postgres cluster in a folder of ours and a Redis server, each on
 * a free port of 127.0.0.1. stop() ends exactly what start started.
 */

export interface Service {
	port: number;
	stop(): Promise<void>;
}

/** Installs Debian's redis-server and postgresql when missing (ensure-queue-services.sh beside this file). */
export async function ensureQueueServices(log: Log): Promise<void> {
	await runLogged('bash', [path.join(projectRoot, 'scripts', 'harness', 'ensure-queue-services.sh')], {
		cwd: projectRoot,
		progress: { log, what: 'installing redis-server and postgresql' },
	});
}

function postgresBin(name: string): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	const found = versions.map((version) => path.join(root, version, 'bin', name)).find((file) => fs.existsSync(file));
	if (!found) throw new Error(`Postgres's ${name} not found under ${root} (is Debian's postgresql installed?)`);
	return found;
}

/** Postgres refuses to run as root: as root, its commands run as the postgres user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function postgres(command: string, args: string[], cwd: string) {
	const [bin, fullArgs] = asPostgresUser(postgresBin(command), args);
	return await runLogged(bin, fullArgs, { cwd });
}

/** A new Postgres cluster in `<folder>/postgres` with a database `n8n`, trusted local connections, no fsync. */
export async function startPostgres(folder: string): Promise<Service> {
	const dataDir = path.join(folder, 'postgres');
	fs.mkdirSync(dataDir, { mode: 0o700 });
	if (process.getuid?.() === 0) {
		fs.chmodSync(folder, 0o755);
		spawnSync('chown', ['postgres:postgres', dataDir]);
	}
	await postgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], folder);
	const port = await freePort();
	const options = `-p ${port} -h 127.0.0.1 -k ${dataDir} -c fsync=off -c max_connections=200`;
	await postgres('pg_ctl', ['-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', options, '-w', 'start'], folder);
	const stop = async () => {
		await postgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], folder);
	};
	try {
		await postgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'], folder);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}

function redisAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
	});
}

/** A Redis server that keeps nothing on disk. */
export async function startRedis(folder: string): Promise<Service> {
	const port = await freePort();
	const out = fs.openSync(path.join(folder, 'redis.log'), 'a');
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		cwd: folder,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const stop = stopperFor(child);
	const answering = async () => {
		if (child.exitCode !== null) throw new Error('redis-server exited');
		return (await redisAnswers(port)) ? true : undefined;
	};
	await until('redis-server', answering, 10_000, 100).catch(async () => {
		await stop();
		throw new Error(`redis-server did not start; see ${path.join(folder, 'redis.log')}`);
	});
	return { port, stop };
}
