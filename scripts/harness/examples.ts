/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import path from 'node:path';

import { projectRoot } from './pack';

/**
 * The example workflows in examples/, ready for n8n's public API: the
 * placeholder credential replaced by a real one, and only the fields the API
 * accepts on create.
 */

const CREDENTIAL_PLACEHOLDER = 'SOPHIIE_CREDENTIAL_ID';

export interface ExampleWorkflow {
	file: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
}

export function loadExamples(credentialId: string): ExampleWorkflow[] {
	const dir = path.join(projectRoot, 'examples');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const text = fs.readFileSync(path.join(dir, file), 'utf8').split(CREDENTIAL_PLACEHOLDER).join(credentialId);
			const { name, nodes, connections, settings } = JSON.parse(text) as ExampleWorkflow;
			return { file, name, nodes, connections, settings };
		});
}
