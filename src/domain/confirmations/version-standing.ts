/**
 * Where an orderer stands with the versions of a certificate it confirmed (pure; the orderer's
 * certificate page, the use case that confirms a later version, and their tests share it).
 *
 * The orderer's access to a guarantee comes from its first confirmation with the 認証キー; a later
 * version (a 変更契約's 第n版（変更）) is then confirmed without the key. Only the latest version can be
 * confirmed that way: a clerk who opens an older page is sent to the latest one, so the organisation's
 * confirmations only ever move forward and 「新しい版を未確認」 ends with the latest version confirmed.
 */

/** A version of the certificate as the page names it: 第2版（変更）, 発行日 (ISO date). */
export interface VersionRef {
  version: number;
  changed: boolean;
  issuedOn: string;
}

/** The orderer's latest confirmation of one version (any of its staff, with the key or without). */
export interface VersionConfirmation {
  id: string;
  version: number;
  confirmedAt: Date;
  userName: string | null;
  departmentName: string | null;
}

export interface VersionStanding {
  shown: VersionRef;
  latest: VersionRef;
  /** The orderer's latest confirmation of the version on the screen (its 確認記録), or null. */
  shownConfirmation: VersionConfirmation | null;
  /** The newest version the orderer confirmed, with its latest confirmation. */
  newestConfirmed: VersionConfirmation;
  /** The latest version when the orderer has not confirmed it yet: issued after what it confirmed. */
  unconfirmedLatest: VersionRef | null;
  /** The page offers 「この版を確認しました」: the version shown is that unconfirmed latest one. */
  canConfirm: boolean;
}

/**
 * `versions` newest first (at least one); `confirmations` the orderer's latest confirmation per
 * version (at least one: without it the orderer cannot open the certificate); `shownVersion` the
 * version asked for (anything else shows the latest).
 */
export function versionStanding(versions: readonly VersionRef[], confirmations: readonly VersionConfirmation[], shownVersion: unknown): VersionStanding {
  const latest = versions[0];
  if (!latest) throw new Error('versionStanding: a certificate without versions');
  const byVersion = new Map<number, VersionConfirmation>();
  for (const c of confirmations) {
    const seen = byVersion.get(c.version);
    if (!seen || seen.confirmedAt < c.confirmedAt) byVersion.set(c.version, c);
  }
  const newestConfirmed = [...byVersion.values()].sort((a, b) => b.version - a.version)[0];
  if (!newestConfirmed) throw new Error('versionStanding: a certificate the orderer never confirmed');
  const shown = versions.find((v) => v.version === shownVersion) ?? latest;
  const unconfirmedLatest = byVersion.has(latest.version) ? null : latest;
  return {
    shown,
    latest,
    shownConfirmation: byVersion.get(shown.version) ?? null,
    newestConfirmed,
    unconfirmedLatest,
    canConfirm: unconfirmedLatest !== null && shown.version === latest.version,
  };
}

/**
 * What 「この版を確認しました」 on version `version` does, given the guarantee's latest version and the
 * versions the orderer already confirmed:
 *   not-found   the orderer never confirmed this guarantee, or no such version: the same answer as an
 *               unknown number (the orderer has no access to the certificate);
 *   already     the orderer confirmed that version already: nothing new is recorded;
 *   superseded  a later version exists (issued since the page was opened): nothing is recorded, the
 *               clerk is sent to the latest version;
 *   confirm     record the confirmation.
 */
export type ConfirmDecision = 'not-found' | 'already' | 'superseded' | 'confirm';

export function decideVersionConfirmation(input: { version: number; latestVersion: number; confirmedVersions: readonly number[] }): ConfirmDecision {
  const { version, latestVersion, confirmedVersions } = input;
  if (confirmedVersions.length === 0) return 'not-found';
  if (!Number.isSafeInteger(version) || version < 1 || version > latestVersion) return 'not-found';
  if (confirmedVersions.includes(version)) return 'already';
  if (version < latestVersion) return 'superseded';
  return 'confirm';
}
