/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling, never published: the rules for node code do not apply */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ASSUMPTIONS, withAssumptionsTable } from './verify/assumptions';

/** `npm run docs:assumptions`: writes the README's assumptions table from the nodes' facts files. */
const readmePath = path.join(__dirname, '..', '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withAssumptionsTable(before);
if (after === before) console.log(`README: the assumptions table is up to date (${ASSUMPTIONS.length} rows)`);
else {
	writeFileSync(readmePath, after);
	console.log(`README: assumptions table written (${ASSUMPTIONS.length} rows)`);
}
