/** Limits of the node's fields, shared by the operations and the helpers that check them. */

/** The most items "Concurrent Requests" lets run at once. */
export const MAX_CONCURRENCY = 32;

/** Largest Limit a list operation accepts; beyond it, Return All is the way. */
export const MAX_LIMIT = 1000;

/** Create or Update reads at most this many list pages (100 records each) to find the existing record. */
export const MAX_LOOKUP_PAGES = 50;
