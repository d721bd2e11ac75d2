/**
 * The one place that talks to Sophiie, for all three nodes, on its two hosts (the `/v1` API and the
 * webhooks host). Callers pass path segments and get parsed bodies back.
 *
 * - connection.ts: credential, base URLs, timeout (read once per execution)
 * - request.ts: one request, retried by the rules in retry.ts, its answer or a NodeApiError (errors.ts)
 * - pagination.ts: paginated lists, pages requested ahead and read in order
 */
export { CREDENTIAL_TYPE, DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from './connection';
export { forgetConnection, getConnection } from './connection';
export type { SophiieContext } from './connection';
export { asNodeError, isConflict, isNotFound, isSophiieErrorEnvelope } from './errors';
export { sophiieAnswer, sophiieApiRequest, sophiieWebhooksRequest } from './request';
export type { SophiieAnswer, SophiieHost, SophiieRequestOptions } from './request';
export { MAX_PAGE_SIZE, pages, sophiieApiRequestAllItems } from './pagination';
export type { PaginateOptions, ReadPage } from './pagination';
