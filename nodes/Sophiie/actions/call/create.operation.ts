import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sophiieApiRequest } from '../../../shared/transport';
import type { RecordField } from '../../helpers/recordFields';
import { fieldProperty, parameterName, recordBody } from '../../helpers/recordFields';
import { CALL_MODES } from '../../helpers/sophiieFacts';
import { phoneCountryField } from '../../../shared/fields';

/** The call's body (sophiie-api.md §9.2: known from a third-party client only). */
const CALL_FIELDS: RecordField[] = [
	{ key: 'name', displayName: 'Name', kind: 'text', required: true, placeholder: 'e.g. Jane Citizen', description: 'Who is called: Sophiie’s AI greets them by this name' },
	{
		key: 'phoneNumber',
		displayName: 'Phone Number',
		kind: 'phone',
		required: true,
		placeholder: 'e.g. +61412345678',
		description: 'The number Sophiie calls, in E.164 format ("+", country code and number), or a local number with a Phone Country',
	},
	{
		key: 'mode',
		displayName: 'Mode',
		kind: 'option',
		required: true,
		options: [...CALL_MODES],
		onlyOptions: 'a call mode',
		default: 'normal',
		description: 'What the call is for',
	},
	{
		key: 'custom_instructions',
		name: 'customInstructions',
		displayName: 'Custom Instructions',
		kind: 'longText',
		placeholder: 'e.g. They asked for a quote for a hot water system; offer Thursday morning',
		description: 'What the AI should know or do on this call. Required for Transfer Only.',
	},
];

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Sophiie’s AI phones this number at once: a real person receives the call. It is never sent twice by this node, not even when the answer is lost.',
		name: 'callNotice',
		type: 'notice',
		default: '',
	},
	...CALL_FIELDS.flatMap((field) => (field.kind === 'phone' ? [fieldProperty(field, field.required), phoneCountryField] : [fieldProperty(field, field.required)])),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const names = CALL_FIELDS.map(parameterName);
	const values: IDataObject = {};
	for (const name of names) values[name] = this.getNodeParameter(name, itemIndex, '');
	values.phoneCountry = this.getNodeParameter('phoneCountry', itemIndex, 'none');
	// Custom Instructions left empty are not sent.
	if (values.customInstructions === '') delete values.customInstructions;
	const body = recordBody(this.getNode(), CALL_FIELDS, values, itemIndex, '', names);
	if (body.mode === 'transfer_only' && body.custom_instructions === undefined) {
		throw new NodeOperationError(this.getNode(), `Missing Custom Instructions in item ${itemIndex}: a Transfer Only call needs them`, {
			itemIndex,
			description: 'Say what the call should transfer, or choose the Normal mode.',
		});
	}
	// A POST: a 429 (not processed) is retried, any other failure is not, so no one is called twice.
	const response = await sophiieApiRequest.call(this, 'POST', ['calls'], { body, itemIndex });
	return response;
}
