import type { CertificateContent } from '@/domain/certificates/content';
import { diffVersions, versionPair } from '@/domain/certificates/diff';
import { CHANGE_VIEW_LABELS as L, versionName } from './labels';

interface Version {
  version: number;
  changed: boolean;
  content: CertificateContent;
}

/**
 * 版の比較: two selects (a GET form, so it works without JavaScript and the pair stays in the URL)
 * and the field-by-field difference of the chosen pair. Nothing when there is one version only.
 */
export function VersionDiff({ versions, from, to, keep = {} }: { versions: Version[]; from: unknown; to: unknown; keep?: Record<string, string> }) {
  const pair = versionPair(
    versions.map((v) => v.version),
    from,
    to,
  );
  if (!pair) return null;
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  const a = byNumber.get(pair.from)!;
  const b = byNumber.get(pair.to)!;
  const rows = diffVersions(a.content, b.content);
  const options = [...versions].sort((x, y) => x.version - y.version);
  return (
    <section className="panel" aria-labelledby="diff-title" id="diff">
      <h2 id="diff-title">{L.diffTitle}</h2>
      <p className="hint">{L.diffLead}</p>
      <form method="get" action="#diff" className="inline-form">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label htmlFor="diff-from">{L.diffFrom}</label>
          <select id="diff-from" name="from" defaultValue={String(pair.from)}>
            {options.map((v) => (
              <option key={v.version} value={v.version}>
                {versionName(v.version, v.changed)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-to">{L.diffTo}</label>
          <select id="diff-to" name="to" defaultValue={String(pair.to)}>
            {options.map((v) => (
              <option key={v.version} value={v.version}>
                {versionName(v.version, v.changed)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {L.diffButton}
        </button>
      </form>
      <div className="table-wrap">
        <table className="table diff-table">
          <caption>{L.diffCaption(versionName(a.version, a.changed), versionName(b.version, b.changed))}</caption>
          <thead>
            <tr>
              <th scope="col">{L.diffColumns.item}</th>
              <th scope="col">{versionName(a.version, a.changed)}</th>
              <th scope="col">{versionName(b.version, b.changed)}</th>
              <th scope="col">
                <span className="visually-hidden">{L.changedMark}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.changed ? 'diff-changed' : undefined}>
                <th scope="row">{r.label}</th>
                <td>{r.before}</td>
                <td>{r.changed ? <strong>{r.after}</strong> : r.after}</td>
                <td>{r.changed ? <span className="badge">{L.changedMark}</span> : L.sameMark}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
