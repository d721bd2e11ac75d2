/* eslint-disable @n8n/community-nodes/icon-validation, @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/require-node-description-fields -- development tooling, never published: the rules for node code do not apply */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, NodeConnectionType } from 'n8n-workflow';

/**
 * The benchmark's floor inside n8n, never shipped: the least any node can do
 * per item in the same n8n. It reads one parameter (the URL, an expression per
 * item) and calls n8n's request helper with a fixed bearer header, up to
 * `concurrency` items at a time. `npm run bench` installs it beside the
 * package as its own community package, `n8n-nodes-sophiie-bench-floor`.
 */
export class BenchFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Floor',
		name: 'benchFloor',
		group: ['transform'],
		version: 1,
		description: 'GET a URL per item with a bearer token: the benchmark floor',
		defaults: { name: 'Bench Floor' },
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const count = this.getInputData().length;
		const authorization = `Bearer ${this.getNodeParameter('token', 0) as string}`;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const output: INodeExecutionData[] = new Array(count);
		let next = 0;
		const worker = async () => {
			while (next < count) {
				const item = next++;
				const url = this.getNodeParameter('url', item) as string;
				const json = await this.helpers.httpRequest({ method: 'GET', url, headers: { Authorization: authorization }, json: true });
				output[item] = { json, pairedItem: { item } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
		return [output];
	}
}
