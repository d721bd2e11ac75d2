import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS, recordOf } from '../../../shared/endpoints';
import { MAX_LOOKUP_PAGES } from '../../../shared/limits';
import { asNodeError, isConflict, sophiieApiRequest } from '../../../shared/transport';
import type { MatchRank } from '../../helpers/findInList';
import { findInList } from '../../helpers/findInList';
import { LEAD_CONFLICT_HINT } from '../../helpers/sophiieFacts';
import { CONTRACT_HINT } from '../../../shared/assumptions';
import { additionalFields, firstNameField, newLeadBody } from './leadFields';

const LOOKUP_LEADS = (MAX_LOOKUP_PAGES * 100).toLocaleString('en-US');

/** The operation's fields; the registry shows them for this resource and operation. */
export const properties: INodeProperties[] = [
	{
		displayName: `Creates the lead. When Sophiie answers that it already exists (409), the lead with the same email is updated with these fields instead; with no such lead, the one with the same phone number. Sophiie has no lead search: finding it reads the lead list, 100 leads per request, at most ${LOOKUP_LEADS} leads.`,
		name: 'createOrUpdateNotice',
		type: 'notice',
		default: '',
	},
	{ ...firstNameField, required: true },
	additionalFields,
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: [
			{ name: 'Email, Then Phone', value: 'emailThenPhone', description: 'The lead with the same email; with none, the one with the same phone number' },
			{ name: 'Email', value: 'email', description: 'Only the lead with the same email (case does not matter)' },
			{ name: 'Phone', value: 'phone', description: 'Only the lead with the same phone number' },
		],
		default: 'emailThenPhone',
		description: 'Which existing lead is updated when Sophiie reports a duplicate. The field(s) must be set under Additional Fields.',
	},
];

type MatchBy = 'emailThenPhone' | 'email' | 'phone';

/** The values a lead is matched on, by the Match By rule; checked before anything is sent. */
function matchValues(this: IExecuteFunctions, body: IDataObject, matchBy: MatchBy, itemIndex: number) {
	const email = matchBy !== 'phone' && typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
	const phone = matchBy !== 'email' && typeof body.phone === 'string' ? body.phone : undefined;
	if (!email && !phone) {
		const needed = { emailThenPhone: 'Email or Phone', email: 'Email', phone: 'Phone' }[matchBy];
		throw new NodeOperationError(this.getNode(), `Missing Additional Fields › ${needed} in item ${itemIndex}: Create or Update finds an existing lead by it`, {
			itemIndex,
			description: `Add ${needed} under Additional Fields, or change Match By.`,
		});
	}
	return { email, phone };
}

/** A listed lead's rank: the same email is the match; the same phone number only where no lead has the email. */
function rankBy({ email, phone }: { email?: string; phone?: string }) {
	return (lead: IDataObject): MatchRank => {
		if (email && typeof lead.email === 'string' && lead.email.toLowerCase() === email) return 'best';
		if (phone && lead.phone === phone) return email ? 'fallback' : 'best';
		return undefined;
	};
}

/** The new lead's answer, or undefined when Sophiie answers 409 (a duplicate). */
async function createUnlessDuplicate(this: IExecuteFunctions, body: IDataObject, itemIndex: number): Promise<IDataObject | undefined> {
	try {
		return await sophiieApiRequest.call(this, 'POST', ENDPOINTS.lead.listPath, { body, itemIndex });
	} catch (error) {
		if (isConflict(error)) return undefined;
		throw asNodeError(this.getNode(), error as Error, itemIndex);
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = newLeadBody.call(this, itemIndex);
	const wanted = matchValues.call(this, body, this.getNodeParameter('matchBy', itemIndex, 'emailThenPhone') as MatchBy, itemIndex);
	const created = await createUnlessDuplicate.call(this, body, itemIndex);
	if (created) return { ...recordOf(ENDPOINTS.lead, created), outcome: 'created' } as IDataObject;
	const { match, pagesRead, complete } = await findInList.call(this, ENDPOINTS.lead, rankBy(wanted), { maxPages: MAX_LOOKUP_PAGES, itemIndex });
	if (!match) {
		const searched = complete ? `all ${pagesRead} pages of leads` : `the first ${LOOKUP_LEADS} leads`;
		throw new NodeOperationError(this.getNode(), `Sophiie reported a duplicate lead, but no lead in ${searched} has this ${[wanted.email && 'email', wanted.phone && 'phone number'].filter(Boolean).join(' or ')} (item ${itemIndex})`, {
			itemIndex,
			description: `Sophiie may match duplicates on a field Match By does not use, or the lead may be deleted (Sophiie keeps deleted leads). Look the lead up in Sophiie. ${CONTRACT_HINT}`,
		});
	}
	const leadId = String(match.id);
	const updated = await sophiieApiRequest.call(this, 'PUT', ENDPOINTS.lead.recordPath(leadId), {
		body,
		subject: `lead ${leadId}`,
		conflictHint: `The phone number or email may belong to a second lead. ${LEAD_CONFLICT_HINT}`,
		itemIndex,
	});
	return { ...recordOf(ENDPOINTS.lead, updated), outcome: 'updated' } as IDataObject;
}
