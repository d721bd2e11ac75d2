/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling, never published: the rules for node code do not apply */
import { writeFileSync } from 'node:fs';

import type { CheckReport } from './check';
import { runCheck } from './check';
import type { Target } from './client';
import type { Finding } from './findings';
import { mask } from './mask';

/**
 * `npm run verify:sophiie -- [options]`: the contract check against a real
 * Sophiie account. The API key comes from SOPHIIE_API_KEY only.
 *
 *   --env development|production   which Sophiie (default development)
 *   --base-url URL --webhooks-url URL   another Sophiie, such as the sandbox
 *   --write                        also create, update and delete scratch records
 *   --hook-url URL                 where scratch hooks point (default: a URL that receives nothing,
 *                                  or the check's own receiver when Sophiie runs on this machine)
 *   --listen PORT                  run the check's receiver on 127.0.0.1:PORT (give --hook-url a public
 *                                  address that forwards to it, such as a tunnel, to see deliveries)
 *   --delivery-wait SECONDS        how long to wait for a delivery (default 20)
 *   --json FILE                    also write the report as JSON
 *
 * Exit 0 when every assumption checked holds, 1 when one differs or a
 * scratch record could not be removed, 2 when the check could not run to the end.
 */

const USAGE = 'usage: SOPHIIE_API_KEY=… npm run verify:sophiie -- [--env development|production | --base-url URL --webhooks-url URL] [--write] [--hook-url URL] [--listen PORT] [--delivery-wait SECONDS] [--json FILE]';
const FLAGS = new Set(['--write']);
const VALUED = new Set(['--env', '--base-url', '--webhooks-url', '--hook-url', '--listen', '--delivery-wait', '--json']);

/** Whether an argument is (or looks like) an API key: Sophiie's keys start with sk_. */
const looksLikeKey = (arg: string, apiKey: string) => /^sk_/.test(arg) || (apiKey !== '' && arg.includes(apiKey));

function parseArguments(argv: string[], apiKey: string) {
	const values = new Map<string, string>();
	const flags = new Set<string>();
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (looksLikeKey(arg, apiKey)) throw new Error('Pass the API key in the SOPHIIE_API_KEY environment variable, never as an argument');
		if (FLAGS.has(arg)) flags.add(arg);
		else if (VALUED.has(arg) && argv[index + 1] !== undefined) values.set(arg, argv[++index]);
		else throw new Error(`Unknown or incomplete argument "${arg}"\n${USAGE}`);
	}
	return { values, flags };
}

function targetOf(values: Map<string, string>): Target {
	const baseUrl = values.get('--base-url');
	if (baseUrl) {
		const webhooksBaseUrl = values.get('--webhooks-url');
		if (!webhooksBaseUrl) throw new Error('--base-url needs --webhooks-url too (the webhooks host)');
		return { environment: 'custom', apiBaseUrl: baseUrl.replace(/\/+$/, ''), webhooksBaseUrl: webhooksBaseUrl.replace(/\/+$/, '') };
	}
	const environment = values.get('--env') ?? 'development';
	if (environment !== 'development' && environment !== 'production') throw new Error(`--env is development or production, not "${environment}"`);
	return { environment };
}

const MARKS: Record<Finding['verdict'], string> = { holds: 'holds      ', differs: 'DIFFERS    ', 'not checked': 'not checked' };

function printFindings(title: string, findings: Finding[]) {
	console.log(`\n${title}`);
	for (const finding of findings) console.log(`  ${MARKS[finding.verdict]}  ${finding.topic} [${finding.id}]: ${finding.detail}`);
}

function printReport(report: CheckReport) {
	printFindings('Assumptions (README: "Where Sophiie\'s docs are silent"):', report.assumptions);
	printFindings('Documented behaviour the nodes rely on:', report.documented);
	const { holds, differs, notChecked } = report.summary;
	console.log(`\nSummary: ${holds} hold, ${differs} differ, ${notChecked} not checked (${report.assumptions.length} assumptions, ${report.documented.length} documented checks); ${report.requests} requests in ${report.seconds} s.`);
	if (report.stopped) console.log(`The check ${report.stopped}: what it did not reach is "not checked".`);
	for (const leftover of report.leftovers) console.log(`Could not remove ${leftover.name}: ${leftover.reason}. Remove it in Sophiie by hand.`);
	if (differs) console.log('Something differs: please open an issue with this output or the --json report (emails and phone numbers are masked, the key is never in it).');
}

async function main() {
	const apiKey = process.env.SOPHIIE_API_KEY ?? '';
	const { values, flags } = parseArguments(process.argv.slice(2), apiKey);
	if (apiKey.trim() === '') throw new Error(`Set SOPHIIE_API_KEY to the account's API key\n${USAGE}`);
	const target = targetOf(values);
	const write = flags.has('--write');
	const controller = new AbortController();
	process.on('SIGINT', () => {
		if (controller.signal.aborted) process.exit(130);
		controller.abort();
		console.log('\nCtrl-C: stopping after the request under way, then removing what the check made (Ctrl-C again to quit at once)');
	});
	const began = Date.now();
	const elapsed = () => `${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s`;
	const where = target.environment === 'custom' ? target.apiBaseUrl : target.environment;
	console.log(`Sophiie contract check: ${where}, ${write ? 'with --write (scratch records are made and removed)' : 'read-only'}`);
	const report = await runCheck({
		target,
		apiKey,
		write,
		hookUrl: values.get('--hook-url'),
		listenPort: values.has('--listen') ? Number(values.get('--listen')) : undefined,
		deliveryWaitMs: values.has('--delivery-wait') ? Number(values.get('--delivery-wait')) * 1000 : undefined,
		signal: controller.signal,
		progress: (line) => console.log(`[${elapsed()}] ${mask(line)}`),
	});
	if (report.stopped) report.stopped = mask(report.stopped.split(apiKey).join('[key]'));
	printReport(report);
	const json = values.get('--json');
	if (json) {
		writeFileSync(json, `${JSON.stringify(report, null, '\t')}\n`);
		console.log(`Report: ${json}`);
	}
	process.exitCode = report.stopped ? 2 : report.summary.differs || report.leftovers.length ? 1 : 0;
}

main().catch((error) => {
	console.error((error as Error).message);
	process.exitCode = 2;
});
