import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SOPHIIE_ENVIRONMENTS, type SophiieEnvironment } from '../../../credentials/SophiieApi.credentials';
import { rateLimitKey } from './pacing';

/**
 * Where and how to reach Sophiie for one execution context: the two base URLs
 * (from the credential's environment), the token, the timeout, and the
 * decrypted credential, read once per context rather than once per request.
 */
export type SophiieContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'sophiieApi';

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 600;

export interface SophiieConnection {
	apiBaseUrl: string;
	webhooksBaseUrl: string;
	token: string;
	/** Requests are paced by this (see pacing.ts). */
	rateLimitKey: string;
	timeoutMs: number;
	/**
	 * The decrypted credential, handed to every request so that n8n does not
	 * load and decrypt it again for each one.
	 */
	credential: ICredentialsDecrypted;
}

interface SophiieCredentials {
	accessToken?: string;
	environment?: SophiieEnvironment;
	baseUrl?: string;
	webhooksBaseUrl?: string;
}

// Credentials are read once per execution context, not once per request.
const connections = new WeakMap<object, Promise<SophiieConnection>>();

function trimTrailingSlashes(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** The node's "Options › Timeout (Seconds)", where the node has it. */
function readTimeoutMs(context: SophiieContext): number {
	const path = 'options.timeout';
	const seconds =
		'getInputData' in context
			? context.getNodeParameter(path, 0, DEFAULT_TIMEOUT_SECONDS)
			: context.getNodeParameter(path, DEFAULT_TIMEOUT_SECONDS);
	if (typeof seconds !== 'number' || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid Options › Timeout (Seconds) in item 0: ${JSON.stringify(seconds)} is not a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`,
			{ itemIndex: 0 },
		);
	}
	return seconds * 1000;
}

async function readConnection(context: SophiieContext): Promise<SophiieConnection> {
	const timeoutMs = readTimeoutMs(context);
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as SophiieCredentials;
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const credential: ICredentialsDecrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: CREDENTIAL_TYPE,
		data: credentials as ICredentialDataDecryptedObject,
	};
	const environment = credentials.environment ?? 'production';
	const token = credentials.accessToken ?? '';
	const common = { token, rateLimitKey: rateLimitKey(token), timeoutMs, credential };
	if (environment === 'custom') {
		return {
			apiBaseUrl: trimTrailingSlashes(credentials.baseUrl ?? ''),
			webhooksBaseUrl: trimTrailingSlashes(credentials.webhooksBaseUrl ?? ''),
			...common,
		};
	}
	return { ...SOPHIIE_ENVIRONMENTS[environment], ...common };
}

/**
 * Reads the credential afresh on the next request: for a context n8n keeps
 * between runs (older n8n reuses one poll context for every poll).
 */
export function forgetConnection(context: SophiieContext) {
	connections.delete(context);
}

export function getConnection(context: SophiieContext): Promise<SophiieConnection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = readConnection(context);
		connections.set(context, connection);
	}
	return connection;
}
