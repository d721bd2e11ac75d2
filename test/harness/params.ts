import type { IDataObject } from 'n8n-workflow';

/** Node parameters for a Lead operation, with the lead given "By ID" (or an expression). */
export function leadParameters(operation: string, leadId: unknown, extra: IDataObject = {}): IDataObject {
	return {
		resource: 'lead',
		operation,
		leadId: { __rl: true, mode: 'id', value: leadId as string },
		...extra,
	};
}
