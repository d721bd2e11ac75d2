import { recordSearches, searchLeads } from './listSearch';

export * as loadOptions from '../../shared/loadOptions';

/** The "From list" searches: the leads', and one per record locator. */
export const listSearch = { searchLeads, ...recordSearches };
