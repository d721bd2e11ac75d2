/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PACKAGE_NAME, packCleanCheckout, projectRoot, tarballFiles } from '../scripts/harness/pack';
import { cleanEnv, runLogged } from '../scripts/harness/processes';

/**
 * What `npm publish` ships and what a user's manual install gets, checked on
 * the tarball of a clean checkout (no earlier build in it): the package's own
 * prepack must build it, and n8n must find every file its `n8n` field names.
 */

const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
	n8n: { credentials: string[]; nodes: string[] };
	dependencies?: Record<string, string>;
};
const declaredFiles = [...manifest.n8n.credentials, ...manifest.n8n.nodes];

let workDir: string;
let tarball: string;
let files: string[];

beforeAll(async () => {
	workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-pack-'));
	tarball = await packCleanCheckout(() => undefined, workDir);
	files = tarballFiles(tarball);
}, 180_000);

afterAll(() => {
	if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('npm pack of a clean checkout', () => {
	test('ships every file the n8n field names', () => {
		expect(declaredFiles.length).toBe(4);
		for (const file of declaredFiles) expect(files).toContain(file);
	});

	test('ships only dist/ besides LICENSE, README.md and package.json: no screenshots, tests, sandbox or sources', () => {
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(files.filter((file) => /^dist\/(test|sandbox|scripts|docs|examples)\//.test(file))).toEqual([]);
		expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
		expect(files.filter((file) => file.endsWith('.png') && !file.startsWith('dist/icons/'))).toEqual([]);
	});

	test('every icon a built node or credential names is in the tarball', () => {
		const unpacked = path.join(workDir, 'unpacked');
		fs.mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const icons = declaredFiles.flatMap((file) => {
			const source = fs.readFileSync(path.join(unpacked, file), 'utf8');
			return [...source.matchAll(/['"]file:([^'"]+)['"]/g)].map((match) =>
				path.relative(unpacked, path.resolve(path.dirname(path.join(unpacked, file)), match[1])),
			);
		});
		expect(icons.length).toBeGreaterThanOrEqual(3);
		for (const icon of icons) expect(files).toContain(icon);
	});

	test('has no runtime dependencies', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
	});
});

describe("the README's manual install", () => {
	test('npm install of the tarball into an empty ~/.n8n/nodes adds this one package, not a second n8n-workflow', async () => {
		const nodesFolder = path.join(workDir, 'home', '.n8n', 'nodes');
		fs.mkdirSync(nodesFolder, { recursive: true });
		const output = await runLogged('npm', ['install', tarball, '--no-audit', '--no-fund'], {
			cwd: nodesFolder,
			env: cleanEnv(),
		});
		expect(output).toMatch(/added 1 package\b/);
		const installed = fs.readdirSync(path.join(nodesFolder, 'node_modules')).filter((name) => !name.startsWith('.'));
		expect(installed).toEqual([PACKAGE_NAME]);
	}, 120_000);
});
