/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { Log } from './processes';
import { cleanEnv, runLogged, step } from './processes';

export const PACKAGE_NAME = 'n8n-nodes-sophiie';

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

/**
 * Copies the project as a fresh clone of the working tree would have it: the
 * files git tracks plus new files it does not ignore, so no dist/, build/ or
 * other leftovers of earlier builds. The dev dependencies are linked, not
 * installed again.
 */
function cleanCheckout(target: string): string {
	const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: projectRoot,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (listed.status !== 0) throw new Error(`git ls-files failed in ${projectRoot}: ${listed.stderr}`);
	for (const file of listed.stdout.split('\0').filter(Boolean)) {
		const source = path.join(projectRoot, file);
		if (!fs.existsSync(source)) continue; // deleted in the working tree, not yet committed
		fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
		fs.copyFileSync(source, path.join(target, file));
	}
	fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(target, 'node_modules'), 'dir');
	return target;
}

/**
 * `npm pack` in a clean checkout, exactly what `npm publish` would ship: no
 * earlier build helps, so the package's own prepack must build it.
 * Resolves with the tarball's path in `destination`.
 */
export async function packCleanCheckout(log: Log, destination: string): Promise<string> {
	return await step(log, 'npm pack a clean checkout of the package', async () => {
		const checkout = cleanCheckout(fs.mkdtempSync(path.join(destination, 'checkout-')));
		try {
			await runLogged('npm', ['pack', '--pack-destination', destination], { cwd: checkout, env: cleanEnv() });
		} finally {
			fs.rmSync(checkout, { recursive: true, force: true });
		}
		const tarball = fs.readdirSync(destination).find((name) => name.startsWith(`${PACKAGE_NAME}-`) && name.endsWith('.tgz'));
		if (!tarball) throw new Error(`npm pack left no ${PACKAGE_NAME}-*.tgz in ${destination}`);
		return path.join(destination, tarball);
	});
}

/** The files in a tarball, without npm's leading `package/`. */
export function tarballFiles(tarball: string): string[] {
	const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
	if (listed.status !== 0) throw new Error(`Listing ${tarball} failed: ${listed.stderr}`);
	return listed.stdout
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''))
		.sort();
}
