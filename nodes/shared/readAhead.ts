import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

type Read = [name: string, fallback: unknown, options: IGetNodeParameterOptions | undefined];

/**
 * n8n evaluates an item's parameters when the node reads them, expressions
 * included (in n8n 2.x each in a separate V8 isolate, which costs more than
 * sending the request). Read when an item starts, that evaluation sits on the
 * path of every request: after an answer, the next item waits for it. Read
 * ahead, it is done while requests are in flight, so an item starts with its
 * parameters ready.
 *
 * The returned context is the node's own with one difference: a parameter
 * read ahead for an item is handed out once, to that item's first read of it
 * with the same fallback and options (any later read evaluates afresh, as
 * before). What to read ahead is what earlier items read. A read that fails
 * ahead is not kept: the item's own read fails in its turn, with n8n's error.
 */
export function parameterReadAhead(context: IExecuteFunctions) {
	const evaluate = (name: string, itemIndex: number, fallback: unknown, options: IGetNodeParameterOptions | undefined) =>
		context.getNodeParameter(name, itemIndex, fallback, options);
	const reads = new Map<string, Read>();
	const ready = new Map<number, Map<string, unknown>>();
	const keyOf = (name: string, fallback: unknown, options: IGetNodeParameterOptions | undefined) =>
		JSON.stringify([name, fallback ?? null, options ?? null]);

	const itemContext: IExecuteFunctions = Object.create(context);
	itemContext.getNodeParameter = ((name: string, itemIndex: number, fallback?: unknown, options?: IGetNodeParameterOptions) => {
		const key = keyOf(name, fallback, options);
		reads.set(key, [name, fallback, options]);
		const values = ready.get(itemIndex);
		if (values?.has(key)) {
			const value = values.get(key);
			values.delete(key);
			return value;
		}
		return evaluate(name, itemIndex, fallback, options);
	}) as IExecuteFunctions['getNodeParameter'];

	return {
		context: itemContext,
		/** Evaluates now what earlier items read, for this item. */
		readAhead(itemIndex: number) {
			const values = new Map<string, unknown>();
			for (const [key, [name, fallback, options]] of reads) {
				try {
					values.set(key, evaluate(name, itemIndex, fallback, options));
				} catch {
					// Not kept: the item's own read reports it.
				}
			}
			ready.set(itemIndex, values);
		},
		/** The item has finished: what it did not read is dropped. */
		done(itemIndex: number) {
			ready.delete(itemIndex);
		},
	};
}
