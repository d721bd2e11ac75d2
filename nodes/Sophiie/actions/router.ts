import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { inPool } from '../../shared/pool';
import { parameterReadAhead } from '../../shared/readAhead';
import { asNodeError } from '../../shared/transport';
import { validateWholeNumber } from '../../shared/validation';
import { MAX_CONCURRENCY } from '../../shared/limits';
import type { OperationModule } from './node.type';
import { resources } from './resources';

/** The module of a resource's operation, or undefined for a value no resource offers. */
function operationOf(resource: string, operation: string): OperationModule | undefined {
	if (!Object.hasOwn(resources, resource)) return undefined;
	const operations: Record<string, OperationModule> = resources[resource as keyof typeof resources].operations;
	return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}

/** "Options › Concurrent Requests": how many items run at once (1 = one after another). */
function concurrencyOf(this: IExecuteFunctions): number {
	const value = this.getNodeParameter('options.concurrency', 0, 1);
	const hint = `Set it between 1 and ${MAX_CONCURRENCY}; 1 runs the items one after another.`;
	return validateWholeNumber(this.getNode(), value, 0, 'Options › Concurrent Requests', MAX_CONCURRENCY, hint);
}

/**
 * Whether n8n runs the node as an AI agent's tool: its tool variant, which n8n
 * names after the node with "Tool" appended (n8n-nodes-sophiie.sophiieTool).
 */
function runsAsAgentTool(this: IExecuteFunctions): boolean {
	return this.getNode().type.endsWith('Tool');
}

/**
 * A failed item's output: `{ error }`, and for an agent's tool also the
 * error's advice as `details`, so that the model reads what went wrong and
 * what to change (a thrown error reaches the model as an empty result on some
 * n8n versions, e.g. 2.40.7 with the AI Agent 1.8).
 */
function failedItem(error: Error & { description?: unknown }, itemIndex: number, asTool: boolean): INodeExecutionData {
	const details = asTool && typeof error.description === 'string' && error.description ? { details: error.description } : {};
	return { json: { error: error.message, ...details }, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen operation once per input item, up to "Concurrent Requests"
 * items at a time. Output keeps input order and every item is paired with the
 * item it came from. With "Continue On Fail", and always as an agent's tool, a
 * failing item becomes `{ error }` and the others still run; otherwise no new
 * item starts after a failure and the error of the first failing item is thrown.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationOf(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for resource "${resource}"`,
		);
	}
	const concurrency = concurrencyOf.call(this);
	const asTool = runsAsAgentTool.call(this);
	const continueOnFail = this.continueOnFail() || asTool;

	const outputs: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: Error } | undefined;
	// While an item's request is in flight, n8n evaluates the parameters of the
	// item that will start when one finishes (see readAhead.ts).
	const parameters = parameterReadAhead(this);
	let lastStarted = -1;
	const readAheadOf = async (itemIndex: number) => {
		await sleep(0);
		if (itemIndex > lastStarted && !failure) parameters.readAhead(itemIndex);
	};
	const runItem = async (itemIndex: number) => {
		lastStarted = itemIndex;
		if (itemIndex + concurrency < items.length) void readAheadOf(itemIndex + concurrency);
		try {
			const result = await operation.execute.call(parameters.context, itemIndex);
			outputs[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({
				json,
				pairedItem: { item: itemIndex },
			}));
		} catch (error) {
			if (continueOnFail) {
				outputs[itemIndex] = [failedItem(error as Error, itemIndex, asTool)];
			} else if (!failure || itemIndex < failure.itemIndex) {
				failure = { itemIndex, error: error as Error };
			}
		} finally {
			parameters.done(itemIndex);
		}
	};
	await inPool(items.length, concurrency, runItem, () => failure !== undefined);

	if (failure) {
		const { error, itemIndex } = failure;
		// The run stops here: with several items, the message says which one
		// stopped it (as validation messages do).
		if (items.length > 1 && !error.message.includes(` in item ${itemIndex}`)) error.message += ` (in item ${itemIndex})`;
		throw asNodeError(this.getNode(), error, itemIndex);
	}
	return [outputs.flat()];
}
