import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS, recordOf } from '../../../shared/endpoints';
import { MAX_LOOKUP_PAGES } from '../../../shared/limits';
import { sophiieApiRequest } from '../../../shared/transport';
import { findInList } from '../../helpers/findInList';
import { createProperties } from '../../helpers/recordFields';
import { createBody } from '../recordOperations';
import { FAQ_FIELDS } from './faqFields';

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	{
		displayName: `Updates the FAQ with the same question (ignoring case, spaces and a final "?"), or creates it when there is none. Sophiie has no FAQ search: this reads the FAQ list first, 100 per request, at most ${(MAX_LOOKUP_PAGES * 100).toLocaleString('en-US')}.`,
		name: 'createOrUpdateNotice',
		type: 'notice',
		default: '',
	},
	...createProperties(FAQ_FIELDS),
];

/** Two questions are the same one when they differ only in case, spacing or a final question mark. */
function sameQuestion(question: string): string {
	return question.toLowerCase().replace(/\s+/g, ' ').trim().replace(/\s*\?$/, '');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = createBody(this, FAQ_FIELDS, itemIndex);
	const question = sameQuestion(String(body.question));
	const rank = (faq: IDataObject) => (typeof faq.question === 'string' && sameQuestion(faq.question) === question ? 'best' : undefined);
	const { match, complete } = await findInList.call(this, ENDPOINTS.faq, rank, { maxPages: MAX_LOOKUP_PAGES, itemIndex });
	if (!match && !complete) {
		// Creating could make a second FAQ of the same question beyond what was read.
		throw new NodeOperationError(this.getNode(), `The organization has more FAQs than Create or Update reads (item ${itemIndex})`, {
			itemIndex,
			description: 'Use FAQ › Create or FAQ › Update instead.',
		});
	}
	if (!match) {
		const created = await sophiieApiRequest.call(this, 'POST', ENDPOINTS.faq.listPath, { body, itemIndex });
		return { ...recordOf(ENDPOINTS.faq, created), outcome: 'created' } as IDataObject;
	}
	const faqId = String(match.id);
	const updated = await sophiieApiRequest.call(this, 'PUT', ENDPOINTS.faq.recordPath(faqId), { body, subject: `FAQ ${faqId}`, itemIndex });
	return { ...recordOf(ENDPOINTS.faq, updated), outcome: 'updated' } as IDataObject;
}
