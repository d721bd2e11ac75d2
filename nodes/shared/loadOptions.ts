import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { sophiieApiRequestAllItems } from './transport';
import { ENDPOINTS } from './endpoints';

/** Active members of the credential's organization, for "Subscribe as" and senders. */
export async function getMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const members = await sophiieApiRequestAllItems.call(this, ENDPOINTS.member.listPath, ENDPOINTS.member.listKey);
	return members
		.filter((member) => member.isDisabled !== true)
		.map((member) => {
			const name = [member.firstName, member.lastName].filter((part) => part).join(' ') || String(member.id);
			return {
				name: `${name} (${String(member.role ?? 'member').toLowerCase()})`,
				value: String(member.id),
				description: member.email ? String(member.email) : undefined,
			};
		});
}
