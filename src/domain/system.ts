import type { Role } from '@/generated/prisma/enums';
import type { Actor } from './actor';
import { AppError } from './errors';

/** Only officers of the surety company manage organisations and accounts. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', `${actor.role} tried an admin use case`);
}

/** A use case of one side: anyone else is FORBIDDEN (the guards answer 404 before this is reached). */
export function assertRole(actor: Actor, role: Role, what: string): void {
  if (actor.role !== role) throw new AppError('FORBIDDEN', `${actor.role} tried ${what}`);
}
