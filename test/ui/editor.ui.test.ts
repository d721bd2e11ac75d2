/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { Harness } from '../../scripts/harness/n8n';
import { OWNER, projectRoot, startHarness } from '../../scripts/harness/n8n';
import { resources } from '../../nodes/Sophiie/actions/resources';
import { agentExample } from '../e2e/agent';
import { until } from '../../scripts/harness/until';

/**
 * What a user does in n8n's editor, in Debian's Chromium: find the Sophiie
 * node, pick a lead from the list, run it; add the Sophiie Trigger, listen,
 * and see a new lead arrive. Assertions are on what is on screen. The run
 * saves the README's pictures to docs/images/, and a screenshot of the page
 * to test/ui/failures/ when a step fails.
 */

const SCREENSHOTS = path.join(projectRoot, 'docs', 'images');
const FAILURES = path.join(projectRoot, 'test', 'ui', 'failures');

let harness: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	harness = await startHarness({ log: (line) => process.stderr.write(`${line}\n`) });
	browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		// The machine's network is closed: no background connections, no sandbox as root.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	page.setDefaultTimeout(30_000);

	await page.goto(`${harness.n8nUrl}/signin`);
	await page.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
	await page.fill('input[name="password"]', OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}, 20 * 60_000);

afterAll(async () => {
	await browser?.close();
	await harness?.stop();
});

/** Runs a step; on failure saves what the page showed, then rethrows. */
async function onScreen<T>(name: string, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		fs.mkdirSync(FAILURES, { recursive: true });
		const file = path.join(FAILURES, `${name.replace(/\W+/g, '-')}.png`);
		await page.screenshot({ path: file }).catch(() => undefined);
		throw new Error(`${(error as Error).message}\n(screenshot: ${file})`);
	}
}

async function picture(name: string, target: Page | Locator = page, clip?: { x: number; y: number; width: number; height: number }) {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), clip });
}

const testId = (id: string) => page.locator(`[data-test-id="${id}"]`);
const visibleOptions = () => page.locator('.el-select-dropdown__item:visible');

async function texts(locator: Locator): Promise<string[]> {
	return (await locator.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('the Sophiie node in the editor', () => {
	test('search "Sophiie", add Lead → Get, pick a lead from the list, execute, see the lead', async () => {
		const leads = harness.sandbox.store.listLeads('org_acme');
		const target = leads[5];

		await onScreen('node panel', async () => {
			await page.goto(`${harness.n8nUrl}/workflow/new`);
			await testId('canvas-add-button').click();
			await page.keyboard.type('manual');
			await testId('node-creator-node-item').first().click();
			await testId('canvas-handle-plus').click();
			await page.keyboard.type('Sophiie');
			const app = testId('item-iterator-item').filter({ hasText: 'Sophiie' }).first();
			await app.waitFor();
			await app.click();
			const actions = testId('node-creator-item-name');
			const expected = [
				'Get a lead',
				'Update a lead',
				'Create or update a lead',
				'Delete a lead',
				'List activities of a lead',
				'Phone a person with Sophiie’s AI (a real call)',
				'Create or update an FAQ',
				'Create a scenario',
			];
			// The panel fills in its list over a few frames: wait until it shows them.
			const shown = await until('the Sophiie actions in the panel', async () => {
				const names = await texts(actions);
				return expected.every((name) => names.includes(name)) ? names : undefined;
			}, 10_000).catch(async () => await texts(actions));
			expect(shown).toEqual(expect.arrayContaining(expected));
			// The panel renders the first actions only; its heading counts them all.
			const operationCount = Object.values(resources).reduce((sum, resource) => sum + Object.keys(resource.operations).length, 0);
			await testId('node-creator').getByText(`Actions (${operationCount})`).waitFor();
			await picture('node-panel', testId('node-creator'));
			await actions.filter({ hasText: 'Get a lead' }).click();
		});

		await onScreen('resource dropdown', async () => {
			await testId('ndv').waitFor();
			await testId('parameter-input-resource').click();
			await visibleOptions().filter({ hasText: 'Transfer' }).waitFor();
			expect(await texts(visibleOptions())).toEqual(Object.values(resources).map((resource) => resource.displayName));
			await page.keyboard.press('Escape');
		});

		await onScreen('operation dropdown', async () => {
			expect(await testId('node-credentials-select').locator('input').inputValue()).toBe('Sophiie sandbox (Acme Plumbing)');
			await testId('parameter-input-operation').click();
			await visibleOptions().filter({ hasText: 'List Activities' }).waitFor();
			expect(await texts(visibleOptions())).toEqual(
				expect.arrayContaining([
					expect.stringMatching(/^Create/),
					expect.stringMatching(/^Get Many/),
					expect.stringMatching(/^List Activities/),
					expect.stringMatching(/^Update/),
				]),
			);
			await picture('lead-operations', testId('ndv'));
			await visibleOptions().filter({ hasText: /^Get\s*Get a lead/ }).first().click();
		});

		await onScreen('lead picker', async () => {
			await testId('rlc-input').click();
			await testId('rlc-item').first().waitFor();
			expect(await texts(testId('rlc-item').first())).toEqual([`${leads[0].firstName} ${leads[0].lastName} · ${leads[0].email}`]);
			await page.locator('input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input').first().fill(target.email);
			await testId('rlc-item').filter({ hasText: target.email }).waitFor();
			expect(await texts(testId('rlc-item'))).toEqual([`${target.firstName} ${target.lastName} · ${target.email}`]);
			await picture('lead-picker', testId('ndv'));
			await testId('rlc-item').first().click();
		});

		await onScreen('executed get', async () => {
			await testId('node-execute-button').click();
			const output = testId('output-panel');
			await output.getByText(target.id, { exact: true }).first().waitFor();
			const shown = await output.innerText();
			expect(shown).toContain('1 item');
			expect(shown).toContain(target.email);
			expect(shown).toContain(target.firstName);
			await picture('get-lead-output', testId('ndv'));
			await testId('ndv-close-button').click();
		});
	});
});

/** A new workflow with the trigger panel searched for "Sophiie". */
async function searchTriggers() {
	await page.goto(`${harness.n8nUrl}/workflow/new`);
	await testId('canvas-add-button').click();
	await page.keyboard.type('Sophiie');
}

describe('the Sophiie Trigger in the editor', () => {
	test('choose events and a member, listen for a test event, see the new lead arrive', async () => {
		await onScreen('add trigger', async () => {
			await searchTriggers();
			await testId('item-iterator-item').filter({ hasText: 'Sophiie' }).first().click();
			const triggers = testId('node-creator-item-name');
			await triggers.filter({ hasText: 'On lead created' }).waitFor();
			expect(await texts(triggers)).toEqual(
				expect.arrayContaining(['On lead created', 'On lead updated', 'On lead deleted', 'On inquiry created']),
			);
			await triggers.filter({ hasText: 'On lead created' }).click();
			await testId('ndv').waitFor();
		});

		await onScreen('choose events and member', async () => {
			await testId('parameter-input-events').click();
			await visibleOptions().filter({ hasText: 'Lead Updated' }).click();
			await page.keyboard.press('Escape');
			const chosen = await texts(testId('parameter-input-events').locator('.el-tag, .el-select__tags-text'));
			expect(chosen.join(' ')).toContain('Lead Created');
			expect(chosen.join(' ')).toContain('Lead Updated');

			await testId('parameter-input-userId').click();
			await visibleOptions().filter({ hasText: 'owner@acme.example.com' }).waitFor();
			// Members are the options with an email (the events list may still be in the page).
			expect(await texts(visibleOptions().filter({ hasText: '@' }))).toEqual([
				expect.stringMatching(/\(owner\) owner@acme\.example\.com$/),
				expect.stringMatching(/\(admin\) admin@acme\.example\.com$/),
				expect.stringMatching(/\(member\) member@acme\.example\.com$/),
			]);
			await visibleOptions().filter({ hasText: 'owner@acme.example.com' }).click();
		});

		await onScreen('listen and receive', async () => {
			await testId('node-execute-button').click();
			await waitFor(() => harness.sandbox.webhooks.list().length === 2, 'the test subscriptions');
			const response = await fetch(`${harness.sandbox.url}/__sandbox/events`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ event: 'LEAD_CREATED' }),
			});
			const { data } = (await response.json()) as { data: { id: string; email: string } };
			const output = testId('output-panel');
			await output.getByText('LEAD_CREATED', { exact: true }).first().waitFor();
			const shown = await output.innerText();
			expect(shown).toContain(data.id);
			await picture('trigger-event', testId('ndv'));
		});

		// Once the test event has arrived, n8n stops listening: the test subscriptions are removed.
		await waitFor(() => harness.sandbox.webhooks.list().length === 0, 'the test subscriptions to be removed');
	});
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000) {
	await until(what, async () => (condition() ? true : undefined), timeoutMs);
}

describe('the Sophiie Polling Trigger in the editor', () => {
	test('find it as "Sophiie Polling" beside the Sophiie Trigger, choose New Lead, fetch a test event, see the newest lead', async () => {
		await onScreen('add polling trigger', async () => {
			await searchTriggers();
			// n8n lists trigger nodes without " Trigger": "Sophiie" and "Sophiie Polling", each with its description.
			const polling = testId('item-iterator-item').filter({ hasText: 'Sophiie Polling' });
			await polling.waitFor();
			// n8n's fuzzy search may list a loosely matching node below them (Philips Hue, say).
			const found = await texts(testId('item-iterator-item'));
			expect(found.slice(0, 2)).toEqual([
				expect.stringMatching(/^Sophiie Starts the workflow when a Sophiie event happens/),
				expect.stringMatching(/^Sophiie Polling Checks Sophiie on a schedule .* needs no public URL$/),
			]);
			expect(found.slice(2).filter((text) => text.startsWith('Sophiie'))).toEqual([]);
			// The node panel, on the right of the 1280 × 800 page.
			await picture('node-panel-triggers', page, { x: 896, y: 66, width: 384, height: 300 });
			await polling.click();
			const newLead = testId('node-creator-item-name').filter({ hasText: /new lead/i }).first();
			await newLead.waitFor();
			expect(await texts(testId('node-creator-item-name'))).toEqual(
				expect.arrayContaining([expect.stringMatching(/new inquiry/i), expect.stringMatching(/new appointment/i)]),
			);
			await newLead.click();
			await testId('ndv').waitFor();
		});

		await onScreen('fetch test event', async () => {
			const newest = harness.sandbox.store.listLeads('org_acme')[0];
			await testId('node-execute-button').click();
			const output = testId('output-panel');
			await output.getByText(newest.id).first().waitFor();
			const shown = await output.innerText();
			expect(shown).toContain(newest.email);
			await picture('polling-trigger-test-event', testId('ndv'));
		});
	});
});

describe('the Sophiie node as an AI agent tool in the editor', () => {
	test('the agent example opens with its three Sophiie tools; a tool shows its description and $fromAI arguments', async () => {
		const workflowId = await createAgentExample();

		await onScreen('agent canvas', async () => {
			await page.goto(`${harness.n8nUrl}/workflow/${workflowId}`);
			const canvasNodes = testId('canvas-node');
			await canvasNodes.filter({ hasText: 'Text lead' }).waitFor();
			expect(await texts(canvasNodes)).toEqual(
				expect.arrayContaining([
					expect.stringContaining('AI Agent'),
					expect.stringContaining('Get lead'),
					expect.stringContaining('Update lead phone'),
					expect.stringContaining('Text lead'),
				]),
			);
			await picture('ai-agent-canvas');
		});

		await onScreen('agent tool', async () => {
			await canvasNodeByName('Update lead phone').dblclick();
			const ndv = testId('ndv');
			await ndv.waitFor();
			// The Phone field of Update Fields shows the argument the model fills in.
			await ndv.getByText("$fromAI('phone'", { exact: false }).first().waitFor();
			expect(await ndv.innerText()).toContain('Tool Description');
			const fieldValues = await ndv.locator('textarea, input').evaluateAll((fields) => fields.map((field) => (field as unknown as { value: string }).value));
			expect(fieldValues).toContain("Change a Sophiie lead's phone number. Needs the lead ID (ld_…) and the new number in E.164 format: +, country code and number, e.g. +61412345678.");
			await picture('ai-agent-tool', ndv);
		});
	});
});

/** The AI agent example in n8n (its model is never called here); the workflow's id. */
async function createAgentExample(): Promise<string> {
	const { name, nodes, connections, settings } = await agentExample(harness, 'http://127.0.0.1:9/v1');
	const { body } = await harness.api<{ id: string }>('POST', '/workflows', { name, nodes, connections, settings });
	return body.id;
}

const canvasNodeByName = (name: string) => testId('canvas-node').filter({ hasText: name }).first();
