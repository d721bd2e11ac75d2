/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling, never published: the rules for node code do not apply */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DIFFERENT_ASSUMPTIONS } from '../sandbox/dialect';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { recordForLeakCheck } from '../scripts/harness/leak-record';
import { projectRoot } from '../scripts/harness/pack';
import { ASSUMPTIONS, withAssumptionsTable } from '../scripts/verify/assumptions';
import type { CheckOptions, CheckReport } from '../scripts/verify/check';
import { runCheck } from '../scripts/verify/check';
import { DOCUMENTED_CHECKS } from '../scripts/verify/findings';
import { mask } from '../scripts/verify/mask';

/**
 * The contract check proven on the sandbox twice: as documented (everything
 * it can check holds) and as the different Sophiie (exactly the planted
 * differences differ). Also: read-only sends nothing that writes, whatever
 * it creates is removed also when a step fails or Ctrl-C is pressed, what it
 * cannot remove is named, and the key is in no output or report.
 */

const NEVER_CHECKED = ['sms-retries', 'calls'];

let documented: Sandbox;
let different: Sandbox;

beforeAll(async () => {
	documented = await startSandbox({ port: 0 });
	different = await startSandbox({ port: 0, dialect: 'different' });
});
beforeEach(() => {
	documented.reset();
	different.reset();
});
afterAll(async () => {
	await documented?.close();
	await different?.close();
});

const tokenOf = (sandbox: Sandbox) => sandbox.seed.organizations.acme.token;

function check(sandbox: Sandbox, options: Partial<CheckOptions> = {}): Promise<CheckReport> {
	return runCheck({
		target: { environment: 'custom', apiBaseUrl: sandbox.url, webhooksBaseUrl: sandbox.webhooksUrl },
		apiKey: tokenOf(sandbox),
		write: true,
		deliveryWaitMs: 5_000,
		...options,
	}).then((report) => {
		recordForLeakCheck(tokenOf(sandbox), report);
		return report;
	});
}

const verdicts = (report: CheckReport) => Object.fromEntries([...report.assumptions, ...report.documented].map((finding) => [finding.id, finding.verdict]));

/** What the check made and did not remove: scratch leads, knowledge records and hooks. */
function scratchLeftIn(sandbox: Sandbox) {
	const records = sandbox.store.records.get('org_acme')!.knowledge;
	const labelled = Object.values(records).flatMap((collection) => collection.list()).filter((record) => JSON.stringify(record).includes('verify-sophiie'));
	const leads = sandbox.store.listLeads('org_acme').filter((lead) => lead.firstName === 'verify-sophiie');
	return { leads: leads.map((lead) => lead.id), records: labelled.map((record) => record.id), hooks: sandbox.webhooks.list().map((hook) => hook.id) };
}

const NOTHING_LEFT = { leads: [], records: [], hooks: [] };

describe('the assumptions list', () => {
	test("the README's table is written from the facts files, one row per assumption", () => {
		const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
		expect(withAssumptionsTable(readme)).toBe(readme);
		expect(ASSUMPTIONS).toHaveLength(25);
		expect(new Set(ASSUMPTIONS.map((assumption) => assumption.id)).size).toBe(ASSUMPTIONS.length);
	});

	test('every planted difference is an assumption', () => {
		for (const id of DIFFERENT_ASSUMPTIONS) expect(ASSUMPTIONS.map((assumption) => assumption.id)).toContain(id);
	});
});

describe('against the sandbox as documented', () => {
	test('with --write, every assumption it can check holds, and nothing it made is left', async () => {
		const report = await check(documented);
		const expected = Object.fromEntries([...ASSUMPTIONS, ...DOCUMENTED_CHECKS].map(({ id }) => [id, NEVER_CHECKED.includes(id) ? 'not checked' : 'holds']));
		expect(verdicts(report)).toEqual(expected);
		expect(report.stopped).toBeUndefined();
		expect(report.leftovers).toEqual([]);
		expect(scratchLeftIn(documented)).toEqual(NOTHING_LEFT);
		// A delivery the check's receiver answered 503 came again with the same id.
		expect(report.assumptions.find((finding) => finding.id === 'delivery-payload')!.detail).toMatch(/repeated .* with the same id/);
	});

	test('read-only sends no write to either host and says what needs --write', async () => {
		const report = await check(documented, { write: false });
		const methods = new Set(documented.requests().map((request) => request.method));
		expect([...methods]).toEqual(['GET']);
		const unchecked = report.assumptions.filter((finding) => finding.verdict === 'not checked').map((finding) => finding.id);
		expect(unchecked).toEqual(expect.arrayContaining(['lead-duplicates', 'subscribe-response', 'delivery-payload', 'knowledge-deletes', ...NEVER_CHECKED]));
		expect(report.summary.differs).toBe(0);
		expect(report.assumptions.find((finding) => finding.id === 'lead-duplicates')!.detail).toBe('needs --write (scratch records)');
	});
});

describe('against the different Sophiie', () => {
	test('exactly the planted differences differ', async () => {
		const report = await check(different);
		const differing = report.assumptions.filter((finding) => finding.verdict === 'differs').map((finding) => finding.id);
		expect(differing.sort()).toEqual([...DIFFERENT_ASSUMPTIONS].sort());
		expect(report.documented.every((finding) => finding.verdict === 'holds')).toBe(true);
		expect(report.leftovers).toEqual([]);
		expect(scratchLeftIn(different)).toEqual(NOTHING_LEFT);
		const detail = (id: string) => report.assumptions.find((finding) => finding.id === id)!.detail;
		expect(detail('lead-duplicates')).toContain('the same phone: created');
		expect(detail('transfer-enums')).toContain('method COLD: HTTP 400: Bad request');
		expect(detail('knowledge-deletes')).toContain('HTTP 204, an empty body');
	});
});

describe('clean-up', () => {
	test('a step failing midway stops the check and removes what it made', async () => {
		// The second lead's POST loses its connection (not retried: a POST), while the first is still there.
		documented.addFault({ method: 'POST', path: '^/v1/leads$', reset: true, after: 1, times: 1 });
		const report = await check(documented);
		expect(report.stopped).toMatch(/^stopped: Could not reach Sophiie/);
		expect(scratchLeftIn(documented)).toEqual(NOTHING_LEFT);
		expect(report.leftovers).toEqual([]);
		expect(report.assumptions.find((finding) => finding.id === 'update-lead-body')!.verdict).toBe('not checked');
	});

	test('what it cannot remove is named by id', async () => {
		documented.addFault({ method: 'POST', path: '^/v1/leads$', reset: true, after: 1, times: 1 });
		documented.addFault({ method: 'DELETE', path: '^/v1/leads/', status: 403 });
		const report = await check(documented);
		const [lead] = scratchLeftIn(documented).leads;
		expect(report.leftovers).toEqual([{ name: `lead ${lead}`, reason: expect.stringContaining('HTTP 403') }]);
	});
});

/** Runs the built command with the key in its environment; resolves with its exit code and output. */
function runCommand(sandbox: Sandbox, args: string[], onLine?: (line: string, child: ReturnType<typeof spawn>) => void) {
	const child = spawn(process.execPath, [path.join(projectRoot, 'build/scripts/verify/main.js'), '--base-url', sandbox.url, '--webhooks-url', sandbox.webhooksUrl, ...args], {
		env: { ...process.env, SOPHIIE_API_KEY: tokenOf(sandbox) },
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		for (const line of String(chunk).split('\n')) onLine?.(line, child);
		output += String(chunk);
	});
	child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
	return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => {
		recordForLeakCheck(tokenOf(sandbox), output);
		resolve({ code, output });
	}));
}

describe('the command', () => {
	let workDir: string;
	beforeAll(() => {
		workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-sophiie-'));
	});
	afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

	test('exits 1 on the different Sophiie, with a masked report that holds no key', async () => {
		const reportPath = path.join(workDir, 'report.json');
		const { code, output } = await runCommand(different, ['--write', '--delivery-wait', '5', '--json', reportPath]);
		const report = fs.readFileSync(reportPath, 'utf8');
		recordForLeakCheck(tokenOf(different), report);
		expect(code).toBe(1);
		expect(output).toContain(`Summary: 26 hold, ${DIFFERENT_ASSUMPTIONS.length} differ, 2 not checked`);
		expect(output).toMatch(/DIFFERS +Lead duplicates \[lead-duplicates\]/);
		for (const text of [output, report]) {
			expect(text).not.toContain(tokenOf(different));
			expect(text).not.toMatch(/verify-sophiie\+\d+-[a-z]+@example\.com/);
			expect(text).not.toContain('+61491570');
		}
		expect((JSON.parse(report) as CheckReport).summary).toEqual({ holds: 26, differs: 6, notChecked: 2 });
	});

	test('exits 0 where everything holds', async () => {
		const { code, output } = await runCommand(documented, ['--delivery-wait', '5']);
		expect(output).toContain('read-only');
		expect(code).toBe(0);
	});

	test('Ctrl-C stops it and removes what it made', async () => {
		documented.setLatency(40);
		let interrupted = false;
		const { code, output } = await runCommand(documented, ['--write'], (line, child) => {
			if (!interrupted && line.includes('a second lead with the same phone')) {
				interrupted = true;
				child.kill('SIGINT');
			}
		});
		expect(interrupted).toBe(true);
		expect(output).toContain('Ctrl-C: stopping after the request under way');
		expect(output).toMatch(/removed lead ld_/);
		expect(code).toBe(2);
		expect(scratchLeftIn(documented)).toEqual(NOTHING_LEFT);
	});

	test('refuses a key given as an argument, without repeating it', async () => {
		const { code, output } = await runCommand(documented, [tokenOf(documented)]);
		expect(code).toBe(2);
		expect(output).toContain('Pass the API key in the SOPHIIE_API_KEY environment variable');
		expect(output).not.toContain(tokenOf(documented));
	});
});

test('masking keeps enough to recognise an answer and nothing of a person', () => {
	expect(mask('{"email":"olivia.smith@example.com","phone":"+61412345678","createdAt":"2026-01-16T04:00:00.000Z"}')).toBe(
		'{"email":"o•••@example.com","phone":"+61••••••678","createdAt":"2026-01-16T04:00:00.000Z"}',
	);
});
