/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Imported before n8n-core (see n8n-core.ts): n8n-core reads its instance
 * settings when it loads and, with no encryption key and no user folder set,
 * writes a new key into `~/.n8n/config` and says so on stdout. The in-process
 * harness gets a user folder of its own, removed when the process ends, and a
 * fixed key, so it never touches the home folder.
 */
if (!process.env.N8N_USER_FOLDER) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sophiie-n8n-core-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-sophiie-in-process-harness-key';
