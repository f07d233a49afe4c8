import type { CertificateContent } from '@/domain/certificates/content';
import { diffVersions, versionPair } from '@/domain/certificates/diff';
import { ListTable } from '@/components/list-table';
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
        <VersionSelect name="from" label={L.diffFrom} versions={options} selected={pair.from} />
        <VersionSelect name="to" label={L.diffTo} versions={options} selected={pair.to} />
        <button type="submit" className="button">
          {L.diffButton}
        </button>
      </form>
      <ListTable
        className="table diff-table"
        caption={L.diffCaption(versionName(a.version, a.changed), versionName(b.version, b.changed))}
        captionClassName=""
        columns={[
          { header: L.diffColumns.item, label: '', rowHeader: true, cell: (r) => r.label },
          { header: versionName(a.version, a.changed), cell: (r) => r.before },
          { header: versionName(b.version, b.changed), cell: (r) => (r.changed ? <strong>{r.after}</strong> : r.after) },
          { header: <span className="visually-hidden">{L.changedMark}</span>, cell: (r) => (r.changed ? <span className="badge">{L.changedMark}</span> : L.sameMark) },
        ]}
        rows={rows}
        rowKey={(r) => r.key}
        rowClassName={(r) => (r.changed ? 'diff-changed' : undefined)}
      />
    </section>
  );
}

/** One end of the pair: a select of every version, by its name (第n版, 第n版（変更）). */
function VersionSelect({ name, label, versions, selected }: { name: 'from' | 'to'; label: string; versions: Version[]; selected: number }) {
  return (
    <div className="field">
      <label htmlFor={`diff-${name}`}>{label}</label>
      <select id={`diff-${name}`} name={name} defaultValue={String(selected)}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {versionName(v.version, v.changed)}
          </option>
        ))}
      </select>
    </div>
  );
}
