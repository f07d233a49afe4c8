/**
 * How a page, action or use case stopped, as the access tests read it: Next's redirect() and
 * notFound() throw errors whose digest names what they do, and AppErrors carry a code. Anything
 * else is a real failure and is thrown again.
 */
function interruption(error: unknown): string {
  const digest = (error as { digest?: string }).digest ?? '';
  if (digest.startsWith('NEXT_REDIRECT')) return `redirect:${digest.split(';')[2]}`;
  if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not-found';
  if ((error as { code?: string }).code) return `app-error:${(error as { code: string }).code}`;
  throw error;
}

/** `'passed'` when the promise resolves, else the interruption (`redirect:/login`, `not-found`, `app-error:FORBIDDEN`). */
export async function interrupt(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return interruption(error);
  }
  return 'passed';
}

/** The promise's value when it resolves, else the interruption as `interrupt` names it. */
export async function outcome<T>(promise: Promise<T>): Promise<T | string> {
  try {
    return await promise;
  } catch (error) {
    return interruption(error);
  }
}
