import { SOPHIIE_NODE_ASSUMPTIONS } from '../../nodes/Sophiie/helpers/sophiieFacts';
import { POLLING_TRIGGER_ASSUMPTIONS } from '../../nodes/SophiiePollingTrigger/pollEvents';
import { TRIGGER_ASSUMPTIONS } from '../../nodes/SophiieTrigger/triggerFacts';
import type { Assumption } from '../../nodes/shared/assumptions';

/**
 * Every assumption of the package, from the nodes' facts files, in the order
 * of the README's table: the one list the contract check probes and the
 * table is written from.
 */
export const ASSUMPTIONS: Assumption[] = [...SOPHIIE_NODE_ASSUMPTIONS, ...POLLING_TRIGGER_ASSUMPTIONS, ...TRIGGER_ASSUMPTIONS];

export const TABLE_START = '<!-- assumptions table: written by `npm run docs:assumptions` from the facts files -->';
export const TABLE_END = '<!-- end of assumptions table -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The README's table, one row per assumption. */
export function assumptionsTable(assumptions: Assumption[] = ASSUMPTIONS): string {
	return [
		'| Topic | Documented | Our assumption |',
		'| --- | --- | --- |',
		...assumptions.map(({ topic, documented, assumed }) => `| ${cell(topic)} | ${cell(documented)} | ${cell(assumed)} |`),
	].join('\n');
}

/** The README with its table written afresh between the markers. */
export function withAssumptionsTable(readme: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start === -1 || end < start) throw new Error(`The README has no assumptions table between "${TABLE_START}" and "${TABLE_END}"`);
	return `${readme.slice(0, start + TABLE_START.length)}\n${assumptionsTable()}\n${readme.slice(end)}`;
}
