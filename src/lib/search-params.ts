/** Reading the list pages' query string: `?q=…&page=…` (and filters), tolerant of anything typed into the URL. */
export type SearchParams = Record<string, string | string[] | undefined>;

export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first;
}

/** A page number from the URL; anything but a positive integer is page 1. */
export function pageParam(params: SearchParams): number {
  const value = firstParam(params, 'page');
  return value && /^\d{1,6}$/.test(value) ? Math.max(1, Number(value)) : 1;
}
