import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Where each Sophiie environment lives. The `/v1` API and the webhooks host
 * (subscriptions used by the trigger) are separate hosts.
 */
export const SOPHIIE_ENVIRONMENTS = {
	production: { apiBaseUrl: 'https://api.sophiie.ai', webhooksBaseUrl: 'https://webhooks.sophiie.ai' },
	development: {
		apiBaseUrl: 'https://api.dev.sophiie.ai',
		webhooksBaseUrl: 'https://webhooks.dev.sophiie.ai',
	},
} as const;

export type SophiieEnvironment = keyof typeof SOPHIIE_ENVIRONMENTS | 'custom';

const { production, development } = SOPHIIE_ENVIRONMENTS;

export class SophiieApi implements ICredentialType {
	name = 'sophiieApi';

	displayName = 'Sophiie API';

	icon: Icon = { light: 'file:../icons/sophiie.svg', dark: 'file:../icons/sophiie.dark.svg' };

	documentationUrl = 'https://github.com/sophiie-community/n8n-nodes-sophiie#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'API key from the Sophiie dashboard (Settings → API). Sophiie shows it only once, when it is created.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: production.apiBaseUrl },
				{ name: 'Development', value: 'development', description: development.apiBaseUrl },
				{ name: 'Custom', value: 'custom', description: 'Your own base URLs, e.g. a local Sophiie sandbox' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: production.apiBaseUrl,
			placeholder: production.apiBaseUrl,
			description: 'Base URL of the Sophiie API, without the /v1 path',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Webhooks Base URL',
			name: 'webhooksBaseUrl',
			type: 'string',
			default: production.webhooksBaseUrl,
			placeholder: production.webhooksBaseUrl,
			description: 'Base URL of the Sophiie webhooks host, used by the Sophiie Trigger to subscribe',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	/**
	 * `Authorization: Bearer <token>`. A function rather than a generic
	 * `={{ }}` template: n8n evaluates a template as an expression on every
	 * request, and this runs thousands of times in a large workflow.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === 'custom' ? $credentials.baseUrl.replace(/\\/+$/, '') : $credentials.environment === 'development' ? '${development.apiBaseUrl}' : '${production.apiBaseUrl}' }}`,
			url: '/v1/organization',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Sophiie says "Invalid or expired token" (401): check the Access Token and that it belongs to the selected environment',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Sophiie API answered at this base URL (404): check the environment or the custom Base URL',
				},
			},
		],
	};
}
