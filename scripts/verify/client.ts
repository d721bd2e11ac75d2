import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { SOPHIIE_ENVIRONMENTS } from '../../credentials/SophiieApi.credentials';
import type { SophiieAnswer, SophiieHost } from '../../nodes/shared/transport';
import { isSophiieErrorEnvelope, sophiieAnswer } from '../../nodes/shared/transport';
import { loadOptionsContext } from '../harness/n8n-core';

/**
 * The contract check's way to Sophiie: the node's own transport (its retries,
 * pacing and refusal to follow redirects) inside an n8n-core context, as the
 * nodes run in n8n. It hands back every answer as it came, and remembers the
 * status of each, for the verdicts on status codes and redirects.
 */

export type Target =
	| { environment: 'production' | 'development' }
	| { environment: 'custom'; apiBaseUrl: string; webhooksBaseUrl: string };

export function baseUrlsOf(target: Target) {
	return target.environment === 'custom' ? target : SOPHIIE_ENVIRONMENTS[target.environment];
}

export interface Exchange {
	host: SophiieHost;
	method: IHttpRequestMethods;
	path: string;
	status: number;
}

export interface CallOptions {
	qs?: IDataObject;
	body?: IDataObject;
}

export class SophiieClient {
	readonly exchanges: Exchange[] = [];
	private readonly context: ReturnType<typeof loadOptionsContext>;

	constructor(target: Target, apiKey: string) {
		const { apiBaseUrl, webhooksBaseUrl } = baseUrlsOf(target);
		this.context = loadOptionsContext({ accessToken: apiKey, environment: 'custom', baseUrl: apiBaseUrl, webhooksBaseUrl });
	}

	async call(host: SophiieHost, method: IHttpRequestMethods, segments: string[], options: CallOptions = {}): Promise<SophiieAnswer> {
		const answer = await sophiieAnswer.call(this.context, host, method, segments, options);
		this.exchanges.push({ host, method, path: `/${segments.join('/')}`, status: answer.status });
		return answer;
	}

	api(method: IHttpRequestMethods, segments: string[], options?: CallOptions) {
		return this.call('api', method, segments, options);
	}

	webhooks(method: IHttpRequestMethods, segments: string[], options?: CallOptions) {
		return this.call('webhooks', method, segments, options);
	}
}

export const isSuccess = (answer: SophiieAnswer) => answer.status >= 200 && answer.status < 300;

/** The answer's body as an object, or undefined when it is something else. */
export function objectOf(body: unknown): Record<string, unknown> | undefined {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** Whether a body is Sophiie's documented error envelope `{ success: false, message, error: { status, message } }` for this status. */
export function isErrorEnvelope(body: unknown, status: number): boolean {
	// The node's own rule (success false, the status), and the documented messages beside it.
	return isSophiieErrorEnvelope(status, body) && typeof objectOf(body)?.message === 'string' && typeof objectOf(objectOf(body)?.error)?.message === 'string';
}

/** "HTTP 409: Conflict" — the status and Sophiie's message, for a detail. */
export function answerSummary(answer: SophiieAnswer): string {
	const message = objectOf(answer.body)?.message;
	return `HTTP ${answer.status}${typeof message === 'string' ? `: ${message}` : ''}`;
}
