import { supersededLine, type NoticeVersion } from '@/domain/changes/version-notice';

/**
 * Inside the sheet of an older version, next to the status: 「この証書は第1版です。第2版（変更）が発行されて
 * います（…発行）。」 (decision 073). Printed, unlike the VersionNotice above the sheet: a printout or a
 * saved file of an old version must say it is not the current one. Nothing for the latest version.
 */
export function SupersededLine({ shown, latest }: { shown: NoticeVersion; latest: NoticeVersion | undefined }) {
  const line = supersededLine(shown, latest);
  if (!line) return null;
  return <p className="status-banner status-banner-ending compact superseded-line">{line}</p>;
}
