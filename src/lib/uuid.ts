import { z } from 'zod';

const uuid = z.uuid();

/** Whether a value (a route segment, a bound id, a query parameter) is a UUID, the only form our ids take. */
export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}
