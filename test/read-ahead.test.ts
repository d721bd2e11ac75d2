import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterReadAhead } from '../nodes/shared/readAhead';

/** A context whose parameters are `value:<name>:<item>`, counting each evaluation; `broken` items fail to evaluate. */
function fakeContext(broken = new Set<number>()) {
	const evaluated: string[] = [];
	const context = {
		marker: 'the node context',
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			evaluated.push(`${name}:${itemIndex}`);
			if (broken.has(itemIndex)) throw new Error(`bad expression in item ${itemIndex}`);
			return { value: `${name}:${itemIndex}`, fallback };
		},
	} as unknown as IExecuteFunctions & { marker: string };
	return { context, evaluated };
}

describe('parameter read-ahead', () => {
	test('an item gets the parameters read ahead for it once, each evaluated once; a second read evaluates afresh', () => {
		const { context, evaluated } = fakeContext();
		const parameters = parameterReadAhead(context);
		const item = parameters.context;
		expect((item as unknown as { marker: string }).marker).toBe('the node context');

		expect(item.getNodeParameter('leadId', 0, 'x')).toEqual({ value: 'leadId:0', fallback: 'x' });
		expect(item.getNodeParameter('simplify', 0)).toEqual({ value: 'simplify:0', fallback: undefined });
		parameters.readAhead(1);
		expect(evaluated).toEqual(['leadId:0', 'simplify:0', 'leadId:1', 'simplify:1']);

		expect(item.getNodeParameter('leadId', 1, 'x')).toEqual({ value: 'leadId:1', fallback: 'x' });
		expect(item.getNodeParameter('simplify', 1)).toEqual({ value: 'simplify:1', fallback: undefined });
		expect(evaluated).toHaveLength(4);
		// Handed out once: the same read again is evaluated again, as without read-ahead.
		item.getNodeParameter('leadId', 1, 'x');
		expect(evaluated).toHaveLength(5);
		// Another fallback is another read.
		expect(item.getNodeParameter('simplify', 1, true)).toEqual({ value: 'simplify:1', fallback: true });
		expect(evaluated).toHaveLength(6);
	});

	test('a read that fails ahead is not kept: the item reads it itself, and gets the error then', () => {
		const { context, evaluated } = fakeContext(new Set([2]));
		const parameters = parameterReadAhead(context);
		parameters.context.getNodeParameter('leadId', 0);
		parameters.readAhead(2);
		expect(() => parameters.context.getNodeParameter('leadId', 2)).toThrow('bad expression in item 2');
		expect(evaluated).toEqual(['leadId:0', 'leadId:2', 'leadId:2']);
	});

	test('what an item did not read is dropped when it is done', () => {
		const { context, evaluated } = fakeContext();
		const parameters = parameterReadAhead(context);
		parameters.context.getNodeParameter('leadId', 0);
		parameters.readAhead(3);
		parameters.done(3);
		parameters.context.getNodeParameter('leadId', 3);
		expect(evaluated).toEqual(['leadId:0', 'leadId:3', 'leadId:3']);
	});
});
