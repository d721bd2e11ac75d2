import { sandboxCredentials, testCredential, resolveCredentialTestRequest } from '../scripts/harness/n8n-core';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Sophiie API credential', () => {
	test('"Test" says OK for a valid token, with one GET /v1/organization', async () => {
		expect(await testCredential(env.credentials)).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(env.apiRequests().map(({ method, path, orgId }) => ({ method, path, orgId }))).toEqual([
			{ method: 'GET', path: '/v1/organization', orgId: 'org_acme' },
		]);
	});

	test('"Test" shows Sophiie’s 401 message for a wrong token', async () => {
		const result = await testCredential(sandboxCredentials(env.sandbox.url, 'sk_test_revoked', env.sandbox.webhooksUrl));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Invalid or expired token');
		expect(result.message).toContain('check the Access Token');
	});

	test('a custom base URL may end with a slash', async () => {
		expect((await testCredential({ ...env.credentials, baseUrl: `${env.sandbox.url}/` })).status).toBe('OK');
	});

	test('each environment tests against its own host', () => {
		const base = { accessToken: 'x', baseUrl: 'http://127.0.0.1:1/', webhooksBaseUrl: '' };
		expect(resolveCredentialTestRequest({ ...base, environment: 'production' })).toEqual({
			method: 'GET',
			url: 'https://api.sophiie.ai/v1/organization',
		});
		expect(resolveCredentialTestRequest({ ...base, environment: 'development' }).url).toBe(
			'https://api.dev.sophiie.ai/v1/organization',
		);
		expect(resolveCredentialTestRequest({ ...base, environment: 'custom' }).url).toBe('http://127.0.0.1:1/v1/organization');
	});
});
