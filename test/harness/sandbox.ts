import type { IDataObject } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { runSophiieNode, sandboxCredentials } from '../../scripts/harness/n8n-core';

/**
 * Starts a fresh, seeded sandbox on a free port of 127.0.0.1 for the test file,
 * and reseeds it before each test so tests cannot depend on each other.
 */
export function useSandbox(options: SandboxOptions = {}) {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, ...options });
	});
	beforeEach(() => sandbox!.reset());
	afterAll(async () => {
		await sandbox?.close();
	});

	const current = () => {
		if (!sandbox) throw new Error('The sandbox is not running');
		return sandbox;
	};
	const acmeCredentials = () => sandboxCredentials(current().url, current().seed.organizations.acme.token, current().webhooksUrl);
	return {
		get sandbox() {
			return current();
		},
		/** Credentials of the seeded Acme organization. */
		get credentials() {
			return acmeCredentials();
		},
		/** One operation of the Sophiie node through n8n-core, with the Acme credentials. */
		run(resource: string, operation: string, parameters: IDataObject = {}, items?: IDataObject[]) {
			return runSophiieNode({ credentials: acmeCredentials(), items, parameters: { resource, operation, ...parameters } });
		},
		/** Requests to the `/v1` API host since the last reset. */
		apiRequests() {
			return current().requests().filter((request) => request.host === 'api');
		},
		/** Requests to the webhooks host since the last reset. */
		webhooksRequests() {
			return current().requests().filter((request) => request.host === 'webhooks');
		},
		/** Requests to either host since the last reset. */
		allRequests() {
			return current().requests();
		},
	};
}
