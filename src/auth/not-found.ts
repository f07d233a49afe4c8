import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/domain/errors';
import { isUuid } from '@/lib/uuid';

// What a caller may not see answers as if it did not exist (docs/decisions): one place for pages,
// route handlers and server actions to turn "no such record, or not yours" into Next's 404.

/**
 * An id from the browser (a route segment, a bound action argument) that is not a UUID names
 * nothing: 404 before the database is asked.
 */
export function requireUuid(value: unknown): string {
  if (!isUuid(value)) notFound();
  return value;
}

/** The domain's NOT_FOUND becomes the 404 page (or the action's 404); anything else stays an error. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
