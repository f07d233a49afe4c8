import { CONTROL_CHARACTERS } from './text';

/** Reading the list pages' query string: `?q=…&page=…` (and filters), tolerant of anything typed into the URL. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** Longest query value a list reads: a search term or a filter, never a document. */
export const MAX_PARAM_LENGTH = 200;

/**
 * One query value, as the lists use it: control characters (src/lib/text.ts's rule; PostgreSQL
 * refuses NUL) become spaces, the value is cut to MAX_PARAM_LENGTH, and a blank one is no value.
 */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return undefined;
  const clean = first.replace(CONTROL_CHARACTERS, ' ').slice(0, MAX_PARAM_LENGTH);
  return clean.trim() === '' ? undefined : clean;
}

/** A page number from the URL; anything but a positive integer is page 1. */
export function pageParam(params: SearchParams): number {
  const value = firstParam(params, 'page');
  return value && /^\d{1,6}$/.test(value) ? Math.max(1, Number(value)) : 1;
}
