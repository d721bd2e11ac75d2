/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import type http from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

import type { Host } from './http';
import { MESSAGES, envelope, messageFor } from './http';

/** Fault injection: answers that Sophiie or the network might give, on demand. */

export interface Fault {
	method?: string;
	/** Regular expression matched against the path and query, e.g. `activities\\?page=2&`. */
	path: string;
	status?: number;
	/** Raw response body; a JSON error envelope for `status` when omitted. */
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Close the connection without answering. */
	reset?: boolean;
	/**
	 * Process the request first, as Sophiie would, then lose the answer: with
	 * `reset` the connection drops, with `delayMs` the real answer comes that
	 * much later (past the client's timeout), with only a `status` the answer
	 * is that error (a 5xx after the work was done).
	 */
	processed?: boolean;
	/** How many matching requests to affect; every one when omitted. */
	times?: number;
	/** How many matching requests to let through untouched first. */
	after?: number;
}

export class FaultList {
	private faults: Array<Fault & { pattern: RegExp }> = [];

	get size() {
		return this.faults.length;
	}

	add(fault: Fault) {
		this.faults.push({ ...fault, pattern: new RegExp(fault.path) });
	}

	clear() {
		this.faults = [];
	}

	/** The first fault for this request, counting it against its `after` and `times`. */
	take(method: string, target: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) => (!fault.method || fault.method.toUpperCase() === method) && fault.pattern.test(target),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		if (fault.after && fault.after-- > 0) return undefined;
		if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}
}

/** The real answer of a processed request, lost as the fault says; returns the status logged. */
export async function loseAnswer(fault: Fault, req: http.IncomingMessage, send: () => number): Promise<number> {
	if (fault.reset) {
		req.socket.destroy();
		return -1;
	}
	if (fault.delayMs) await wait(fault.delayMs);
	return send();
}

/** Answers with the fault (or drops the connection); returns the status logged for the request. */
export async function answerWithFault(
	host: Host,
	fault: Fault,
	req: http.IncomingMessage,
	res: http.ServerResponse,
): Promise<number> {
	if (fault.delayMs) await wait(fault.delayMs);
	if (fault.reset) {
		req.socket.destroy();
		return -1;
	}
	const status = fault.status ?? 500;
	res.writeHead(status, { 'Content-Type': fault.contentType ?? 'application/json; charset=utf-8', ...fault.headers });
	const message = status in MESSAGES ? messageFor(host, status as keyof typeof MESSAGES) : 'Error';
	res.end(fault.body ?? JSON.stringify(envelope(status, message)));
	return status;
}
