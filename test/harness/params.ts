import type { IDataObject } from 'n8n-workflow';

/** A resource locator's value given "By ID" (or an expression), as the editor saves it. */
export function byId(value: unknown): IDataObject {
	return { __rl: true, mode: 'id', value: value as string };
}

/** Node parameters for a Lead operation, with the lead given "By ID" (or an expression). */
export function leadParameters(operation: string, leadId: unknown, extra: IDataObject = {}): IDataObject {
	return { resource: 'lead', operation, leadId: byId(leadId), ...extra };
}
