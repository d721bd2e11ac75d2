/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling, never published: the rules for node code do not apply */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { testedN8nVersions } from './harness/n8n-versions';
import { projectRoot } from './harness/pack';

/**
 * `npm run test:e2e:all`: the end-to-end suite once per tested n8n version
 * (one after another: each run starts its own n8n), then a table of results
 * and times. Exits non-zero when any version fails.
 */

function runSuite(version: string): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const jest = path.join(projectRoot, 'node_modules', 'jest', 'bin', 'jest.js');
		const child = spawn(process.execPath, [jest, '-c', 'jest.e2e.config.js'], {
			cwd: projectRoot,
			env: { ...process.env, N8N_VERSION: version },
			stdio: 'inherit',
		});
		child.once('error', reject);
		child.once('exit', (code) => resolve(code === 0));
	});
}

async function main() {
	const versions = testedN8nVersions();
	const rows: string[] = [];
	for (const version of versions) {
		console.log(`\n━━ end-to-end suite on n8n ${version} ━━`);
		const started = Date.now();
		const passed = await runSuite(version);
		rows.push(`n8n ${version.padEnd(9)} ${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
	console.log(`\nend-to-end matrix:\n${rows.map((row) => `  ${row}`).join('\n')}`);
	if (rows.some((row) => row.includes('FAILED'))) process.exit(1);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
