import type { Actor } from './actor';
import { AppError } from './errors';

/** Only officers of the surety company manage organisations and accounts. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', `${actor.role} tried an admin use case`);
}
