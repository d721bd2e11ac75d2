import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getLeadId } from '../../helpers/parameters';
import { validateId, validateText } from '../../../shared/validation';
import { sophiieApiRequest } from '../../../shared/transport';
import { leadLocator, memberSelect } from '../../../shared/fields';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	memberSelect('Sender', 'The member the SMS is sent as.'),
	{ ...leadLocator, description: 'The lead to text' },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text of the SMS',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Message Thread ID',
				name: 'messageThreadId',
				type: 'number',
				default: 0,
				description: 'Reply in this existing thread. Without it Sophiie starts a new thread and a new inquiry.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const userId = validateId(node, this.getNodeParameter('userId', itemIndex), itemIndex, 'Sender');
	const leadId = getLeadId.call(this, itemIndex);
	const message = validateText(node, this.getNodeParameter('message', itemIndex), itemIndex, 'Message');
	const { messageThreadId } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { userId, leadId, message };
	if (messageThreadId !== undefined) {
		if (typeof messageThreadId !== 'number' || !Number.isInteger(messageThreadId) || messageThreadId < 1) {
			throw new NodeOperationError(
				node,
				`Invalid Additional Fields › Message Thread ID in item ${itemIndex}: ${JSON.stringify(messageThreadId)} is not a thread ID`,
				{ itemIndex, description: 'A thread ID is a whole number from 1 up; leave the field out to start a new thread.' },
			);
		}
		body.messageThreadId = messageThreadId;
	}
	// A POST: a 429 (not processed) is retried, any other failure is not, so no SMS goes out twice.
	const response = await sophiieApiRequest.call(this, 'POST', ['sms'], {
		body,
		subject: `lead ${leadId} or sender ${userId}`,
		itemIndex,
	});
	return { ...response, leadId, userId, ...(body.messageThreadId ? { messageThreadId: body.messageThreadId } : {}) };
}
