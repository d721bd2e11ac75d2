import type { IExecuteFunctions } from 'n8n-workflow';

import { validateId } from './validation';

/** The lead chosen in the Lead locator (list or ID), checked before any request. */
export function getLeadId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('leadId', itemIndex, undefined, { extractValue: true });
	return validateId(this.getNode(), value, itemIndex, 'Lead ID');
}
