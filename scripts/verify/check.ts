import { sleep } from 'n8n-workflow';

import { ASSUMPTIONS } from './assumptions';
import type { Target } from './client';
import { SophiieClient, baseUrlsOf } from './client';
import type { Account, CheckContext } from './context';
import { Interrupted } from './context';
import type { Finding } from './findings';
import { Findings } from './findings';
import { probeKnowledgeWrites } from './probes/knowledge';
import { probeLeadWrites } from './probes/leads';
import { probeErrorEnvelopes, probeExtras, probeLeadQueries, probeLists, probeRecords, probeStatuses, readAccount } from './probes/reads';
import { probeWebhooks } from './probes/webhooks';
import type { Receiver } from './receiver';
import { startReceiver } from './receiver';
import { Scratch } from './scratch';

/**
 * The contract check: every assumption of the README's table probed against
 * one Sophiie account, read-only unless `write`, each scratch record removed
 * again whatever happens, and a report of what holds, what differs and what
 * could not be checked.
 */

export interface CheckOptions {
	target: Target;
	apiKey: string;
	/** Creates, updates and deletes scratch records. */
	write: boolean;
	/** Where hooks point; the check's own receiver (on 127.0.0.1) when omitted and Sophiie is on this machine. */
	hookUrl?: string;
	/** Runs the check's receiver on this port of 127.0.0.1, for a hook URL that forwards to it (a tunnel). */
	listenPort?: number;
	/** How long to wait for a delivery and its repeat (default 20 s). */
	deliveryWaitMs?: number;
	progress?: (line: string) => void;
	/** Aborted by Ctrl-C: the check stops after the request under way and cleans up. */
	signal?: AbortSignal;
	now?: Date;
}

export interface CheckReport {
	target: { environment: string; apiBaseUrl: string; webhooksBaseUrl: string };
	write: boolean;
	startedAt: string;
	seconds: number;
	/** Why the check stopped early, if it did. */
	stopped?: string;
	summary: Record<'holds' | 'differs' | 'notChecked', number>;
	assumptions: Finding[];
	documented: Finding[];
	/** Scratch records the check could not remove, by name and id. */
	leftovers: Array<{ name: string; reason: string }>;
	requests: number;
}

/** Hook URL for a target: the receiver when Sophiie runs on this machine (it can reach it), else a URL that receives nothing. */
const NOWHERE = 'https://verify-sophiie.invalid/hook';

function isLoopback(url: string) {
	return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

async function hookFor(options: CheckOptions): Promise<{ url: string; receiver?: Receiver }> {
	if (options.write && options.listenPort !== undefined) {
		const receiver = await startReceiver(options.listenPort);
		return { url: options.hookUrl ?? receiver.url, receiver };
	}
	if (options.hookUrl) return { url: options.hookUrl };
	if (!options.write || !isLoopback(baseUrlsOf(options.target).webhooksBaseUrl)) return { url: NOWHERE };
	const receiver = await startReceiver();
	return { url: receiver.url, receiver };
}

function contextFor(options: CheckOptions, findings: Findings, scratch: Scratch, hook: CheckContext['hook']): CheckContext {
	const started = options.now ?? new Date();
	const iso = started.toISOString().replace(/\.\d{3}Z$/, 'Z');
	const checkpoint = () => {
		if (options.signal?.aborted) throw new Interrupted();
	};
	return {
		client: new SophiieClient(options.target, options.apiKey),
		findings,
		scratch,
		write: options.write,
		label: `verify-sophiie ${iso}`,
		stamp: iso.replace(/[^0-9]/g, '').slice(0, 14),
		step(line) {
			checkpoint();
			options.progress?.(line);
		},
		async wait(ms) {
			checkpoint();
			await sleep(ms);
			checkpoint();
		},
		account: { orgId: '', leads: [] },
		hook,
		deliveryWaitMs: options.deliveryWaitMs ?? 20_000,
	};
}

/** The ids only `--write` can judge, for a read-only run. */
const WRITE_ONLY = ['update-lead-body', 'update-lead-404', 'create-lead-required', 'scenario-transfer-409', 'transfer-enums', 'knowledge-deletes', 'lead-duplicates', 'unsubscribe-404', 'trigger-event-names', 'subscribe-response', 'subscribe-org-user', 'lead-writes', 'unsubscribe-answer'];

async function probeAll(ctx: CheckContext, target: Target) {
	ctx.account = await readAccount(ctx) satisfies Account;
	await probeErrorEnvelopes(ctx, target);
	await probeLists(ctx);
	await probeRecords(ctx);
	await probeLeadQueries(ctx);
	await probeExtras(ctx);
	if (!ctx.write) {
		for (const id of WRITE_ONLY) ctx.findings.notChecked(id, 'needs --write (scratch records)');
		ctx.findings.notChecked('faqs-policies', 'their writes need --write');
		return;
	}
	await probeLeadWrites(ctx);
	await probeKnowledgeWrites(ctx);
	await probeWebhooks(ctx);
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
	const startedAt = options.now ?? new Date();
	const began = Date.now();
	const findings = new Findings(ASSUMPTIONS);
	const scratch = new Scratch();
	const hook = await hookFor(options);
	const ctx = contextFor(options, findings, scratch, hook);
	let stopped: string | undefined;
	try {
		await probeAll(ctx, options.target);
	} catch (error) {
		stopped = error instanceof Interrupted ? error.message : `stopped: ${(error as Error).message}`;
	} finally {
		if (scratch.size) options.progress?.(`removing ${scratch.size} scratch record(s) left`);
		await scratch.removeAll((line) => options.progress?.(line));
		await hook.receiver?.close();
	}
	probeStatuses(ctx);
	const assumptions = findings.assumptionFindings();
	const documented = findings.documentedFindings();
	const all = [...assumptions, ...documented];
	const count = (verdict: Finding['verdict']) => all.filter((finding) => finding.verdict === verdict).length;
	const { apiBaseUrl, webhooksBaseUrl } = baseUrlsOf(options.target);
	return {
		target: { environment: options.target.environment, apiBaseUrl, webhooksBaseUrl },
		write: options.write,
		startedAt: startedAt.toISOString(),
		seconds: Math.round((Date.now() - began) / 100) / 10,
		stopped,
		summary: { holds: count('holds'), differs: count('differs'), notChecked: count('not checked') },
		assumptions,
		documented,
		leftovers: scratch.leftovers,
		requests: ctx.client.exchanges.length,
	};
}
