import 'server-only';
import type { Db, Tx } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { projectNameGrams } from '../guarantees/officer-list';
import { foldForSearch } from '../guarantees/officer-list-params';
import { assertAdmin } from '../system';
import { escapeLike, likeContaining } from '@/lib/like';
import { toHalfWidth } from '@/lib/normalize';
import { withoutControlCharacters } from '@/lib/text';

/** The 共同企業体 screens' reads (decision 065): officers see every JV, a contractor the JVs it belongs to. */

export const PAGE_SIZE = 50;

const MEMBERS = {
  orderBy: [{ sortOrder: 'asc' }, { organization: { name: 'asc' } }],
  select: {
    organizationId: true,
    role: true,
    shareBasisPoints: true,
    organization: { select: { name: true, address: true, active: true } },
  },
} as const satisfies Prisma.JointVenture$membersArgs;

const FIELDS = {
  id: true,
  name: true,
  nameKana: true,
  kind: true,
  mode: true,
  formedOn: true,
  closedOn: true,
  note: true,
  lockedAt: true,
  revision: true,
  updatedAt: true,
  members: MEMBERS,
} as const satisfies Prisma.JointVentureSelect;

export type JointVentureView = Prisma.JointVentureGetPayload<{ select: typeof FIELDS }>;

/**
 * A JV with its members as applications read it (issue 16): 代表者 first, in the JV's order (the
 * certificate prints them in it; ties by company), each company with its name and address as they are
 * now. One select for the form's choices, the save's checks, the review and the conclusion, nested in
 * an application's read or read alone (jointVentureWithMembers).
 */
export const JOINT_VENTURE_WITH_MEMBERS = {
  id: true,
  name: true,
  kind: true,
  mode: true,
  closedOn: true,
  lockedAt: true,
  members: {
    orderBy: [{ sortOrder: 'asc' }, { organizationId: 'asc' }],
    select: { organizationId: true, role: true, shareBasisPoints: true, organization: { select: { name: true, address: true } } },
  },
} as const satisfies Prisma.JointVentureSelect;

export type JointVentureWithMembers = Prisma.JointVentureGetPayload<{ select: typeof JOINT_VENTURE_WITH_MEMBERS }>;

/** One JV with its members (JOINT_VENTURE_WITH_MEMBERS), or null; no access check: the caller's use case decides. */
export function jointVentureWithMembers(db: Db | Tx, id: string): Promise<JointVentureWithMembers | null> {
  return db.jointVenture.findUnique({ where: { id }, select: JOINT_VENTURE_WITH_MEMBERS });
}

/** Officers read every JV; a contractor only those its company belongs to; nobody else any. */
function scopeOf(actor: Actor): Prisma.JointVentureWhereInput {
  if (actor.role === 'ADMIN') return {};
  if (actor.role === 'CONTRACTOR') return { members: { some: { organizationId: actor.organizationId } } };
  throw new AppError('FORBIDDEN', `${actor.role} read joint ventures`);
}

/** The longest text a search box is read for, in characters (code points: a cut never splits a pair). */
const MAX_QUERY = 100;
const cutQuery = (text: string) => Array.from(text).slice(0, MAX_QUERY).join('');

/**
 * One page of JVs by name (officers: all, searched by a part of the name or its kana; a contractor:
 * those its company is a 代表者 or 構成員 of), with their members, 代表者 first. The text is folded as
 * the other name boxes are (全角 → 半角, NFKC, both sides; case ignored) and `%`, `_`, `\` typed are
 * themselves; control characters are dropped.
 */
export async function listJointVentures(db: Db, actor: Actor, params: { q?: string; page?: number } = {}) {
  const scope = scopeOf(actor);
  const page = Math.max(1, params.page ?? 1);
  const q = toHalfWidth(cutQuery(withoutControlCharacters(params.q ?? '')));
  const where: Prisma.JointVentureWhereInput = { ...scope, ...(q ? { id: { in: await matchingIds(db, q) } } : {}) };
  const [rows, total] = await Promise.all([
    db.jointVenture.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: FIELDS }),
    db.jointVenture.count({ where }),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/**
 * The JVs whose name or kana, folded (NFKC), holds the folded text. JVs are few (a JV is registered by
 * an officer for a contract), so the scan of the table is small; the page's rows are then read by id.
 */
async function matchingIds(db: Db, folded: string): Promise<string[]> {
  const pattern = likeContaining(folded);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "JointVenture"
    WHERE normalize("name", NFKC) ILIKE ${pattern} OR normalize(coalesce("nameKana", ''), NFKC) ILIKE ${pattern}`;
  return rows.map((r) => r.id);
}

/** One JV with its members; NOT_FOUND for none, and for a contractor's user when the company is not a member. */
export async function getJointVenture(db: Db, actor: Actor, id: string): Promise<JointVentureView> {
  const jv = await db.jointVenture.findFirst({ where: { id, ...scopeOf(actor) }, select: FIELDS });
  if (!jv) throw new AppError('NOT_FOUND', `joint venture ${id}`);
  return jv;
}

/** How many companies one search of the members table's company box answers (decision 065). */
export const COMPANY_SEARCH_LIMIT = 20;

/** A company the company box offers. */
export interface CompanyMatch {
  id: string;
  name: string;
}

/**
 * The companies a member row's company box offers for what was typed (officers only): active
 * contractors whose name or kana holds the text, in part, folded as the officers' other name boxes
 * are (Organization.searchNames, decision 061: NFKC, A–Z → a–z). Served by an index: the companies
 * holding every pair of characters of the text (or its one character) through the GIN index of
 * searchNameGrams, then the LIKE on each, so the answer is the LIKE's alone. Those whose
 * name begins with it first, then by name; at most COMPANY_SEARCH_LIMIT, and `more` when there are
 * others (the officer types more). `%`, `_` and `\` typed are searched for as themselves; control
 * characters are spaces (a box never holds a line break, so a match never spans name and kana).
 */
export async function searchMemberCompanies(db: Db, actor: Actor, text: string): Promise<{ companies: CompanyMatch[]; more: boolean }> {
  assertAdmin(actor);
  const folded = foldForSearch(cutQuery(text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()));
  if (!folded) return { companies: [], more: false };
  const grams = projectNameGrams(folded);
  const rows = await db.$queryRaw<CompanyMatch[]>`
    SELECT "id", "name" FROM "Organization"
    WHERE "searchNameGrams" @> CAST(ARRAY[${Prisma.join(grams)}] AS text[])
      AND "searchNames" LIKE ${likeContaining(folded)} AND "kind" = 'CONTRACTOR' AND "active"
    ORDER BY CASE WHEN "searchNames" LIKE ${`${escapeLike(folded)}%`} THEN 0 ELSE 1 END, "name", "id"
    LIMIT ${COMPANY_SEARCH_LIMIT + 1}`;
  return { companies: rows.slice(0, COMPANY_SEARCH_LIMIT), more: rows.length > COMPANY_SEARCH_LIMIT };
}
