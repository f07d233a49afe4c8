import type { GuaranteeLapseGroup } from '@/domain/contracts/lapses';
import { LAPSE_KIND_LABEL, LAPSE_LABELS, lapseSentence } from '@/domain/contracts/lapse-labels';

/**
 * The lapse watcher on the contractor's guarantee page (decision 075): per orderer, the 変更契約 its
 * 契約台帳 now needs; gone once a 変更契約 that satisfies it is recorded.
 */
export function LapseNotice({ groups }: { groups: readonly GuaranteeLapseGroup[] }) {
  if (!groups.length) return null;
  return (
    <section className="notice warn" aria-labelledby="lapse-title">
      <h2 id="lapse-title">{LAPSE_LABELS.contractorTitle}</h2>
      {groups.map((group) => (
        <div key={group.ordererName}>
          <p>{LAPSE_LABELS.contractorLead(group.ordererName)}</p>
          <ul>
            {group.lapses.map((l) => (
              <li key={l.id}>
                <strong>{LAPSE_KIND_LABEL[l.kind]}</strong>：{lapseSentence(l)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
