// limit/position paging shared by every Get…s operation: `limit` 1..500 (default 25) and an
// opaque `position` token; the last page carries no `position`.
import { badRequest } from './http.ts';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export interface Page<T> {
  items: T[];
  position?: string;
}

function encodePosition(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodePosition(position: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(position, 'base64url').toString('utf8'));
  if (!match) throw badRequest(`Invalid position parameter: ${position}. Pass the position returned by the previous page.`);
  return Number(match[1]);
}

function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    // The wording of AWS's request validation errors.
    throw badRequest(
      `1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_LIMIT}`,
    );
  }
  return limit;
}

/** One page of `all` (already in a stable order) as the query asks for it. */
export function paginate<T>(all: readonly T[], query: URLSearchParams): Page<T> {
  const limit = parseLimit(query.get('limit'));
  const position = query.get('position');
  const offset = position ? decodePosition(position) : 0;
  const items = all.slice(offset, offset + limit);
  const next = offset + limit;
  return next < all.length ? { items, position: encodePosition(next) } : { items };
}

/** The REST-JSON body of a page: the list goes under `item`. */
export function pageBody<T>(page: Page<T>): { item: T[]; position?: string } {
  return page.position === undefined ? { item: page.items } : { item: page.items, position: page.position };
}
