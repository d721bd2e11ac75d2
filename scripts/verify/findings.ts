import type { Assumption } from '../../nodes/shared/assumptions';
import { mask } from './mask';

/**
 * The contract check's verdicts: one per assumption of the README's table,
 * and one per documented behaviour the nodes rely on. Several probes may
 * speak of one assumption: it differs when any of them says so, and holds
 * when one says so and none says otherwise.
 */

export type Verdict = 'holds' | 'differs' | 'not checked';

export interface Finding {
	id: string;
	topic: string;
	verdict: Verdict;
	/** What was seen (masked), each probe's words joined. */
	detail: string;
}

/** Documented behaviour the nodes rely on, checked beside the assumptions. */
export const DOCUMENTED_CHECKS = [
	{ id: 'credential', topic: 'The credential test (`GET /v1/organization`) answers the organization' },
	{ id: 'error-envelope-401', topic: 'A made-up key answers 401 in the error envelope' },
	{ id: 'error-envelope-404', topic: 'An unknown id answers 404 in the error envelope' },
	{ id: 'list-envelope', topic: 'Lists answer `{ <resource>: [...], totalPages, currentPage, totalCount }`' },
	{ id: 'limit-max-100', topic: 'A limit above 100 is refused or capped' },
	{ id: 'record-shapes', topic: 'A Get answers the record (a lead bare, a scenario or transfer under its key)' },
	{ id: 'lead-writes', topic: 'Create and Update Lead answer `{ lead }`, Delete `{ message }`' },
	{ id: 'webhooks-samples', topic: "The webhooks host's sample endpoints answer a bare list" },
	{ id: 'unsubscribe-answer', topic: 'Unsubscribe answers `{ success: true }`' },
] as const;

interface Said {
	verdict: Verdict;
	detail: string;
}

export class Findings {
	private readonly said = new Map<string, Said[]>();

	constructor(
		private readonly assumptions: Assumption[],
		private readonly onSay: (id: string, said: Said) => void = () => {},
	) {}

	private say(id: string, verdict: Verdict, detail: string) {
		const known = this.assumptions.some((assumption) => assumption.id === id) || DOCUMENTED_CHECKS.some((check) => check.id === id);
		if (!known) throw new Error(`The contract check spoke of "${id}", which is no assumption and no documented check`);
		const said = { verdict, detail: mask(detail) };
		this.said.set(id, [...(this.said.get(id) ?? []), said]);
		this.onSay(id, said);
	}

	holds(id: string, detail: string) {
		this.say(id, 'holds', detail);
	}

	differs(id: string, detail: string) {
		this.say(id, 'differs', detail);
	}

	/** Says whether it holds: `holds` when true, else `differs`. */
	judge(id: string, holds: boolean, detail: string) {
		this.say(id, holds ? 'holds' : 'differs', detail);
	}

	notChecked(id: string, why: string) {
		this.say(id, 'not checked', why);
	}

	private finding(id: string, topic: string): Finding {
		const said = this.said.get(id) ?? [];
		const verdicts = new Set(said.map((entry) => entry.verdict));
		const verdict: Verdict = verdicts.has('differs') ? 'differs' : verdicts.has('holds') ? 'holds' : 'not checked';
		// A verdict's own words first; a "not checked" part of a row that was otherwise judged is kept as a note.
		const ordered = [...said.filter((entry) => entry.verdict === verdict), ...said.filter((entry) => entry.verdict !== verdict)];
		const detail = ordered.map((entry) => entry.detail).join('; ') || 'no probe reached it (an earlier step stopped the check)';
		return { id, topic, verdict, detail };
	}

	assumptionFindings(): Finding[] {
		return this.assumptions.map(({ id, topic }) => this.finding(id, topic));
	}

	documentedFindings(): Finding[] {
		return DOCUMENTED_CHECKS.map(({ id, topic }) => this.finding(id, topic));
	}
}
