import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateId } from '../../../shared/validation';
import { sophiieApiRequest } from '../../../shared/transport';
import { ENDPOINTS } from '../../../shared/endpoints';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Inquiry ID',
		name: 'inquiryId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. in_abc123',
		description: 'ID of the inquiry, e.g. from a lead’s "lastInquiryId" or Get Many',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const inquiryId = validateId(this.getNode(), this.getNodeParameter('inquiryId', itemIndex), itemIndex, 'Inquiry ID');
	return await sophiieApiRequest.call(this, 'GET', ENDPOINTS.inquiry.recordPath(inquiryId), {
		subject: `inquiry ${inquiryId}`,
		itemIndex,
	});
}
