import type { Role } from '@/generated/prisma/enums';

/** Who is calling: resolved from the session on every request, passed to every use case. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  organizationId: string;
  organizationName: string;
  departmentId: string | null;
  departmentName: string | null;
}
