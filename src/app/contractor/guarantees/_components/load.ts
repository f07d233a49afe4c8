import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/domain/errors';

/** A use case's NOT_FOUND (another company's number, or none) answers the 404 page. */
export async function orNotFoundPage<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
