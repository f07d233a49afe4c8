import type { GuaranteeLapseGroup } from '@/domain/contracts/lapses';
import { LAPSE_KIND_LABEL, lapseSentence } from '@/domain/contracts/lapse-labels';
import { todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { OFFICER_GUARANTEE_LABELS } from '../labels';

const L = OFFICER_GUARANTEE_LABELS.lapse;

/**
 * The lapse watcher on 保証の管理 (decision 075, amended: the officers see it): per orderer whose 契約台帳
 * asks for it, each 変更契約 needed, in the words the contractor's page uses (lapseSentence), and since
 * when; a need the contractor is not shown (072's 受注者 check) says so. Nothing when none is open.
 */
export function OfficerLapseNotice({ groups }: { groups: readonly GuaranteeLapseGroup[] }) {
  if (!groups.length) return null;
  return (
    <section className="notice warn" aria-labelledby="lapse-title">
      <h2 id="lapse-title">{L.title}</h2>
      {groups.map((group) => (
        <div key={group.ordererName}>
          <p>{L.lead(group.ordererName)}</p>
          <ul>
            {group.lapses.map((l) => (
              <li key={l.id}>
                <strong>{LAPSE_KIND_LABEL[l.kind]}</strong>：{lapseSentence(l)}
                {L.raisedOn(formatJapaneseDateShort(todayInTokyo(l.raisedAt)))}
                {l.contractorSees ? null : <p className="hint">{L.contractorNotShown}</p>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
