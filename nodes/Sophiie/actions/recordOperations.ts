import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Endpoint } from '../../shared/endpoints';
import { recordOf } from '../../shared/endpoints';
import { recordLocator, recordLocatorName } from '../../shared/fields';
import { sophiieApiRequest } from '../../shared/transport';
import { validateNumericId } from '../../shared/validation';
import { requireUpdateFields } from '../helpers/parameters';
import type { RecordField } from '../helpers/recordFields';
import { createProperties, parameterName, recordBody, updateProperty } from '../helpers/recordFields';
import type { OperationModule } from './node.type';

/**
 * Create, Update, Get and Delete of one of Sophiie's records with whole-number
 * ids (scenarios, transfers, policies, FAQs), from its endpoint row and its
 * fields. Each `<value>.operation.ts` of those resources is one line over these.
 */

/** A record endpoint: one with a path per record. */
export type RecordEndpoint = Endpoint & { recordPath: (id: string) => string[] };

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The record chosen in the resource's locator, checked before any request. */
export function getRecordId(this: IExecuteFunctions, endpoint: RecordEndpoint, itemIndex: number): string {
	const value = this.getNodeParameter(recordLocatorName(endpoint), itemIndex, undefined, { extractValue: true });
	return validateNumericId(this.getNode(), value, itemIndex, `${capitalize(endpoint.noun)} ID`);
}

function conflictHint(endpoint: Endpoint): string | undefined {
	return endpoint.labelField ? `Another ${endpoint.noun} may already use this ${endpoint.labelField}.` : undefined;
}

/** The body of a Create: the required fields, then Additional Fields. */
export function createBody(context: IExecuteFunctions, fields: RecordField[], itemIndex: number): IDataObject {
	const required = fields.filter((field) => field.required).map(parameterName);
	const values: IDataObject = { ...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
	for (const name of required) values[name] = context.getNodeParameter(name, itemIndex);
	return recordBody(context.getNode(), fields, values, itemIndex, 'Additional Fields', required);
}

export function createOperation(endpoint: RecordEndpoint, fields: RecordField[]): OperationModule {
	return {
		properties: createProperties(fields),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const body = createBody(this, fields, itemIndex);
			const response = await sophiieApiRequest.call(this, 'POST', endpoint.listPath, {
				body,
				conflictHint: conflictHint(endpoint),
				itemIndex,
			});
			return recordOf(endpoint, response) as IDataObject;
		},
	};
}

/** The body of an Update: only the fields added under Update Fields, at least one. */
function updateBody(context: IExecuteFunctions, fields: RecordField[], itemIndex: number): IDataObject {
	const values = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	return requireUpdateFields(context.getNode(), recordBody(context.getNode(), fields, values, itemIndex, 'Update Fields'), itemIndex);
}

export function updateOperation(endpoint: RecordEndpoint, fields: RecordField[]): OperationModule {
	return {
		properties: [recordLocator(endpoint), updateProperty(endpoint.noun, fields)],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const id = getRecordId.call(this, endpoint, itemIndex);
			const body = updateBody(this, fields, itemIndex);
			const response = await sophiieApiRequest.call(this, 'PUT', endpoint.recordPath(id), {
				body,
				subject: `${endpoint.noun} ${id}`,
				conflictHint: conflictHint(endpoint),
				itemIndex,
			});
			return recordOf(endpoint, response) as IDataObject;
		},
	};
}

export function getOperation(endpoint: RecordEndpoint): OperationModule {
	return {
		properties: [recordLocator(endpoint)],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const id = getRecordId.call(this, endpoint, itemIndex);
			const response = await sophiieApiRequest.call(this, 'GET', endpoint.recordPath(id), { subject: `${endpoint.noun} ${id}`, itemIndex });
			return recordOf(endpoint, response) as IDataObject;
		},
	};
}

export function deleteOperation(endpoint: RecordEndpoint): OperationModule {
	return {
		properties: [recordLocator(endpoint)],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const id = getRecordId.call(this, endpoint, itemIndex);
			// Sophiie answers with a message (its shape is documented for scenarios
			// only); the id is what the next node needs, as for Lead › Delete.
			await sophiieApiRequest.call(this, 'DELETE', endpoint.recordPath(id), { subject: `${endpoint.noun} ${id}`, itemIndex });
			return { deleted: true, id: Number(id) };
		},
	};
}
