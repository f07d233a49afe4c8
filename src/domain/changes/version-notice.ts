import { versionName } from '@/lib/wording';
import { formatJapaneseDate } from '@/lib/wareki';
import { CERTIFICATE_LABELS } from '@/domain/certificates/labels';
import type { ChangeField, ReasonNote } from './rules';

/**
 * What a screen showing one version of a certificate must say about it besides the sheet (pure; the
 * contractor's and the orderer's certificate pages and print views, and the officer's 保証の管理 share
 * it): whether a later version exists, and which 変更契約 were recorded without a certificate
 * (【注2】【注3】) after the latest version, so that the certificate's 保証期間, 工事末日 or 請負金額 may
 * no longer be the contract's.
 *
 * Record-only changes recorded before the latest version are left out: the latest version was issued
 * from the terms as they then stood (rules.ts, nextVersionContent), so it already states them, and an
 * older version shown is superseded anyway (the screen says so first). For an older version, the
 * record-only changes after the latest one are still listed: the latest version the screen leads to
 * is not the whole story either.
 *
 * A screen that shows an old version without saying a newer one exists is a bug in a product whose
 * purpose is trust.
 */

/** A version as the screens name it: 第2版（変更）, 発行日 (ISO date). */
export interface NoticeVersion {
  version: number;
  changed: boolean;
  issuedOn: string;
}

/** A recorded 変更契約, as the history reads it (domain/changes/queries.ts, HistoryEntry). */
export interface NoticeChange {
  id: string;
  /** 変更契約日 (ISO date). */
  changeDate: string;
  /** When the change was recorded: orders it against the change that issued a version. */
  recordedAt: Date;
  /** The version the change issued (【注1】); null: recorded only (【注2】【注3】). */
  version: number | null;
  /** The certificate's note under which it was decided. */
  reasonNote: ReasonNote;
  fields: readonly { field: ChangeField }[];
}

/** What a change changed, in the words a clerk uses: 工期 (自 or 至), 保証期間 (自 or 至), 請負金額, …. */
export type ChangeSubject = 'period' | 'guaranteePeriod' | 'contractAmount' | 'guaranteeAmount' | 'projectName';

/** A line of the certificate a change makes out of date (工期（自） is not on the certificate). */
export type CertificateLine = 'guaranteeAmount' | 'guaranteePeriod' | 'projectEndDate' | 'projectName' | 'contractAmount';

const SUBJECT_OF: Record<ChangeField, ChangeSubject> = {
  periodStart: 'period',
  periodEnd: 'period',
  guaranteeStart: 'guaranteePeriod',
  guaranteeEnd: 'guaranteePeriod',
  contractAmount: 'contractAmount',
  guaranteeAmount: 'guaranteeAmount',
  projectName: 'projectName',
};

const LINE_OF: Record<ChangeField, CertificateLine | null> = {
  periodStart: null,
  periodEnd: 'projectEndDate',
  guaranteeStart: 'guaranteePeriod',
  guaranteeEnd: 'guaranteePeriod',
  contractAmount: 'contractAmount',
  guaranteeAmount: 'guaranteeAmount',
  projectName: 'projectName',
};

const SUBJECT_ORDER: readonly ChangeSubject[] = ['guaranteeAmount', 'projectName', 'period', 'guaranteePeriod', 'contractAmount'];
const LINE_ORDER: readonly CertificateLine[] = ['guaranteeAmount', 'guaranteePeriod', 'projectEndDate', 'projectName', 'contractAmount'];

/** The subjects of a change's fields, once each, in a fixed order (工期・保証期間). */
export function changeSubjects(fields: readonly { field: ChangeField }[]): ChangeSubject[] {
  const found = new Set(fields.map((f) => SUBJECT_OF[f.field]));
  return SUBJECT_ORDER.filter((s) => found.has(s));
}

/** A change recorded without a certificate after the latest version. */
export interface RecordedOnlyChange {
  id: string;
  changeDate: string;
  /** 【注2】 (工期, with the 保証期間 that follows it) or 【注3】 (請負金額 only). */
  reasonNote: ReasonNote;
  subjects: ChangeSubject[];
}

export interface VersionNotice {
  shown: NoticeVersion;
  latest: NoticeVersion;
  /** The latest version, when the one shown is older: the screen says it exists and leads to it. */
  newer: NoticeVersion | null;
  /** Changes recorded without a certificate after the latest version, oldest first. */
  recordedAfterLatest: RecordedOnlyChange[];
  /** The certificate's lines those changes made out of date (empty: none, e.g. 工期（自） only). */
  staleLines: CertificateLine[];
}

/**
 * `versions` newest first (at least one), `changes` the guarantee's recorded 変更契約 in any order,
 * `shownVersion` the version on the screen (anything that is not one of them: the latest).
 *
 * "After the latest version" means recorded after the change that issued it (for 第1版: any
 * record-only change). Should that change be missing, every record-only change counts: a notice too
 * many costs a line, one missing misleads.
 */
export function versionNotice(versions: readonly NoticeVersion[], changes: readonly NoticeChange[], shownVersion: unknown): VersionNotice {
  const latest = versions[0];
  if (!latest) throw new Error('versionNotice: a certificate without versions');
  const shown = versions.find((v) => v.version === shownVersion) ?? latest;
  const issuing = latest.version > 1 ? changes.find((c) => c.version === latest.version) : undefined;
  const since = issuing?.recordedAt.getTime() ?? Number.NEGATIVE_INFINITY;
  const recorded = changes
    .filter((c) => c.version === null && c.recordedAt.getTime() > since)
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.changeDate.localeCompare(b.changeDate));
  const lines = new Set(recorded.flatMap((c) => c.fields.map((f) => LINE_OF[f.field]).filter((l): l is CertificateLine => l !== null)));
  return {
    shown,
    latest,
    newer: shown.version < latest.version ? latest : null,
    recordedAfterLatest: recorded.map((c) => ({ id: c.id, changeDate: c.changeDate, reasonNote: c.reasonNote, subjects: changeSubjects(c.fields) })),
    staleLines: LINE_ORDER.filter((l) => lines.has(l)),
  };
}

/** Nothing to say: the latest version, with no change recorded since. */
export const isQuiet = (notice: VersionNotice) => notice.newer === null && notice.recordedAfterLatest.length === 0;

/**
 * The line a sheet of an older version carries next to its status, printed and saved (decision 073):
 * 「この証書は第1版です。第2版（変更）が発行されています（令和 8年 6月 1日発行）。」; null for the latest
 * version. A file is forwarded more than a screen is looked at: the sheet itself must say it is not the
 * current one. `latest`: the guarantee's latest version (versions newest first: versions[0]).
 */
export function supersededLine(shown: NoticeVersion, latest: NoticeVersion | undefined): string | null {
  if (!latest || shown.version >= latest.version) return null;
  return CERTIFICATE_LABELS.superseded(versionName(shown.version, shown.changed), versionName(latest.version, latest.changed), formatJapaneseDate(latest.issuedOn));
}
