/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sandboxDialect } from '../../sandbox/dialect';
import { startSandbox } from '../../sandbox/server';
import type { DeliveryOptions } from '../../sandbox/webhooks';
import type { Harness, N8nInstall, N8nProcess } from './n8n';
import {
	createOwnerAndApiKey,
	createSandboxCredential,
	ensureN8n,
	installCommunityPackage,
	mainReadiness,
	n8nClients,
	n8nEnvironment,
	startN8nProcess,
} from './n8n';
import { startBalancer } from './balancer';
import { packCleanCheckout } from './pack';
import { freePort } from './ports';
import type { Log } from './processes';
import { step } from './processes';
import type { Service } from './queue-services';
import { ensureQueueServices, startPostgres, startRedis } from './queue-services';

/**
 * n8n's queue mode on this machine, as teams run it when one process is not
 * enough: Postgres and Redis (private instances), n8n main, webhook
 * processors behind WEBHOOK_URL and workers, every process with the packed
 * package installed as a community package in one shared user folder.
 */

/**
 * What the README recommends for bursts of deliveries (measured by
 * `npm run bench:burst`): n8n 2.x takes an expression isolate for the webhook
 * phase of every trigger but its own Webhook node; acquired lazily, none is
 * built where nothing evaluates, and the expression sandbox stays on. A
 * larger Postgres pool lets a webhook processor answer many deliveries at once.
 */
export const RECOMMENDED_BURST_SETTINGS = {
	N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
	DB_POSTGRESDB_POOL_SIZE: '10',
};

/** The same with the sandbox off (n8n's legacy engine): what `npm run bench`'s trigger rows compare. */
export const LEGACY_BURST_SETTINGS = {
	N8N_EXPRESSION_ENGINE: 'legacy',
	DB_POSTGRESDB_POOL_SIZE: '10',
};

export interface QueueHarnessOptions {
	log?: Log;
	workers?: number;
	/** Webhook processors (default 2); WEBHOOK_URL names the first, as a load balancer's address would. */
	webhookProcessors?: number;
	/** Puts a round-robin load balancer in front of the webhook processors: WEBHOOK_URL names it. */
	balanced?: boolean;
	/** Worker concurrency (n8n's default is 10). */
	concurrency?: number;
	/** Settings for every n8n process, e.g. the README's recommended burst settings. */
	env?: Record<string, string>;
	/** n8n main's port; a free one when omitted. */
	port?: number;
	sandboxPort?: number;
	sandboxWebhooksPort?: number;
	/** How the sandbox delivers webhooks (attempts, backoff, timeout). */
	sandboxDelivery?: Partial<DeliveryOptions>;
}

export interface QueueHarness extends Harness {
	/** Each process's log file, by role (`webhook`, `webhook2`…; workers numbered from 1: `worker1`). */
	logFiles: Record<string, string>;
	/** Every webhook processor's base URL (`webhookUrl`, WEBHOOK_URL, is the first, or the balancer in front of them). */
	webhookUrls: string[];
	/** Stops and starts one process again (main: as after a deploy), waiting until it is ready. */
	restart(name: 'main' | 'webhook'): Promise<void>;
}

interface ProcessPlan {
	name: string;
	args: string[];
	port: number;
	readiness: string[];
	env: Record<string, string>;
}

interface Ports {
	main: number;
	webhooks: number[];
	workers: number[];
	/** Where deliveries are sent: the first webhook processor, or the balancer in front of them all. */
	webhookBase: string;
}

const webhookName = (index: number) => (index === 0 ? 'webhook' : `webhook${index + 1}`);

function plans(options: QueueHarnessOptions, ports: Ports): ProcessPlan[] {
	const main = `http://127.0.0.1:${ports.main}`;
	return [
		{ name: 'main', args: ['start'], port: ports.main, readiness: mainReadiness(main), env: {} },
		...ports.webhooks.map((port, index) => ({
			name: webhookName(index),
			args: ['webhook'],
			port,
			readiness: [`http://127.0.0.1:${port}/healthz/readiness`],
			env: {},
		})),
		...ports.workers.map((healthPort, index) => ({
			name: `worker${index + 1}`,
			args: ['worker', `--concurrency=${options.concurrency ?? 10}`],
			// A worker serves no editor: its health-check server is its only port.
			port: healthPort,
			readiness: [`http://127.0.0.1:${healthPort}/healthz/readiness`],
			env: {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		})),
	];
}

/** What every process of the topology shares: queue mode, Postgres, Redis, the first webhook processor as WEBHOOK_URL. */
function sharedEnv(postgres: Service, redis: Service, ports: Ports, extra: Record<string, string>) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		WEBHOOK_URL: `${ports.webhookBase}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.main}/`,
		...extra,
	};
}

async function startPlan(install: N8nInstall, userFolder: string, plan: ProcessPlan, shared: Record<string, string>) {
	return await startN8nProcess(install, userFolder, {
		args: plan.args,
		env: await n8nEnvironment(install, userFolder, plan.port, { ...shared, ...plan.env }),
		logFile: path.join(userFolder, `n8n-${plan.name}.log`),
		readiness: plan.readiness,
	});
}

/** Main first (it creates the database schema the others use), then the webhook processor and workers together. */
async function startAll(
	log: Log,
	where: { install: N8nInstall; userFolder: string; shared: Record<string, string> },
	[mainPlan, ...others]: ProcessPlan[],
	processes: Map<string, N8nProcess>,
) {
	const { install, userFolder, shared } = where;
	processes.set('main', await step(log, `start n8n ${install.version} main`, () => startPlan(install, userFolder, mainPlan, shared)));
	const webhooks = others.filter((plan) => plan.name.startsWith('webhook')).length;
	await step(log, `start ${webhooks} webhook processor(s) and ${others.length - webhooks} workers`, async () => {
		const all = await Promise.allSettled(others.map((plan) => startPlan(install, userFolder, plan, shared)));
		all.forEach((result, index) => result.status === 'fulfilled' && processes.set(others[index].name, result.value));
		const failed = all.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
	});
}

/** Installs what is missing, then starts Postgres, Redis, the sandbox, main, the webhook processors and the workers. */
export async function startQueueHarness(options: QueueHarnessOptions = {}): Promise<QueueHarness> {
	const log = options.log ?? ((line: string) => console.log(line));
	const install = await ensureN8n(log);
	await step(log, 'Redis and Postgres (Debian packages)', () => ensureQueueServices(log));
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-queue-'));
	const userFolder = path.join(folder, 'n8n');
	fs.mkdirSync(userFolder);
	const started: Array<{ stop(): Promise<void> }> = [];
	const processes = new Map<string, N8nProcess>();
	const stop = async () => {
		for (const running of [...processes.values()].reverse()) await running.stop();
		for (const service of started.reverse()) await service.stop();
		fs.rmSync(folder, { recursive: true, force: true });
	};
	try {
		installCommunityPackage(await packCleanCheckout(log, folder), userFolder);
		const postgres = await step(log, 'start a private Postgres', () => startPostgres(folder));
		started.push(postgres);
		const redis = await step(log, 'start a private Redis', () => startRedis(folder));
		started.push(redis);
		const { sandboxPort = 0, sandboxWebhooksPort = 0, sandboxDelivery } = options;
		const sandbox = await step(log, `start the Sophiie sandbox (${sandboxDialect()})`, () =>
			startSandbox({ port: sandboxPort, webhooksPort: sandboxWebhooksPort, delivery: sandboxDelivery, dialect: sandboxDialect() }),
		);
		started.push({ stop: () => sandbox.close() });

		const freePorts = (count: number) => Promise.all(Array.from({ length: count }, () => freePort()));
		const webhookPorts = await freePorts(options.webhookProcessors ?? 2);
		const webhookUrls = webhookPorts.map((port) => `http://127.0.0.1:${port}`);
		const balancer = options.balanced ? await startBalancer(webhookUrls) : undefined;
		if (balancer) started.push({ stop: () => balancer.close() });
		const ports: Ports = {
			main: options.port ?? (await freePort()),
			webhooks: webhookPorts,
			workers: await freePorts(options.workers ?? 2),
			webhookBase: balancer?.url ?? webhookUrls[0],
		};
		const shared = sharedEnv(postgres, redis, ports, options.env ?? {});
		const allPlans = plans(options, ports);
		await startAll(log, { install, userFolder, shared }, allPlans, processes);

		const n8nUrl = `http://127.0.0.1:${ports.main}`;
		const { apiKey, cookie } = await step(log, 'create the owner account and an API key', () => createOwnerAndApiKey(n8nUrl));
		const clients = n8nClients(n8nUrl, apiKey, cookie);
		const credentialId = await createSandboxCredential(clients.editorPost, sandbox);
		const restart = async (name: 'main' | 'webhook') => {
			await processes.get(name)?.stop();
			const plan = allPlans.find((candidate) => candidate.name === name)!;
			processes.set(name, await step(log, `restart n8n ${name}`, () => startPlan(install, userFolder, plan, shared)));
		};
		return {
			n8nVersion: install.version,
			n8nUrl,
			webhookUrl: ports.webhookBase,
			webhookUrls,
			sandbox,
			userFolder,
			logFile: processes.get('main')!.logFile,
			logFiles: Object.fromEntries([...processes].map(([name, running]) => [name, running.logFile])),
			apiKey,
			credentialId,
			...clients,
			restart,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
