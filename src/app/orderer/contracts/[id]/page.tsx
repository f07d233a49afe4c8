import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { SavedMessage } from '@/app/_components/saved-message';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { DetailsList } from '@/components/details-list';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { changeLine, changeValueText } from '@/domain/contracts/changes';
import { LAPSE_KIND_LABEL, LAPSE_LABELS, lapseSentence } from '@/domain/contracts/lapse-labels';
import { contractLapses } from '@/domain/contracts/lapses';
import { MATCH_VIA_FACT, MATCH_VIA_LABEL } from '@/domain/contracts/lookup-match-labels';
import { getContractMatching } from '@/domain/contracts/match-queries';
import { getContract } from '@/domain/contracts/queries';
import { matchContractAction, rejectMatchSuggestionAction, unmatchContractAction } from '@/actions/orderer-contract-actions';
import { formatDateTime, formatIsoDate, todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { firstParam } from '@/lib/search-params';
import { MatchByNumberForm, SuggestionDecision, UnmatchButton } from '../_components/contract-matching';
import { CONTRACT_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.detailMeta };

/** One contract of the register with every revision (who, when, by hand or from which file, what changed). */
export default async function ContractPage({ params, searchParams }: PageProps<'/orderer/contracts/[id]'>) {
  const actor = await requirePageActor('orderer');
  const id = requireUuid((await params).id);
  const saved = firstParam(await searchParams, 'saved');
  const db = await getDb();
  const c = await orNotFound(getContract(db, actor, id));
  const v = c.values;
  const matching = await orNotFound(getContractMatching(db, actor, c.id, v, todayInTokyo()));
  // The lapse watcher (decision 075): the 変更契約 this contract's revisions made necessary, until recorded.
  const lapses = await orNotFound(contractLapses(db, actor, c.id));
  const m = L.match;
  const yen = (value: bigint) => L.amountText(formatYen(value));
  const text = (field: Parameters<typeof changeValueText>[0], value: string | null) => changeValueText(field, value);
  return (
    <>
      <Breadcrumbs items={[{ href: '/orderer/contracts', label: L.title }]} />
      <h1>{L.detailTitle(v.contractNumber)}</h1>
      <SavedMessage message={saved && Object.hasOwn(L.saved, saved) ? L.saved[saved] : null} />
      {lapses.length ? (
        <section className="notice warn" aria-labelledby="lapse-title">
          <h2 id="lapse-title">{LAPSE_LABELS.ordererTitle}</h2>
          <p>{LAPSE_LABELS.ordererLead}</p>
          <ul>
            {lapses.map((l) => (
              <li key={l.id}>
                <strong>{LAPSE_KIND_LABEL[l.kind]}</strong>
                {m.lapseOf(l.guaranteeNumber)}：{lapseSentence(l)}
                <br />
                <span className="hint">{LAPSE_LABELS.raisedAt(l.raisedRevision, formatDateTime(l.raisedAt))}</span>
                {l.contractorSees ? null : (
                  <>
                    <br />
                    <span className="hint">{LAPSE_LABELS.contractorNotShown}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <DetailsList
        rows={[
          [L.field.contractNumber, v.contractNumber],
          [L.field.projectName, v.projectName],
          [L.field.contractorName, v.contractorName],
          [L.field.contractAmount, text('contractAmount', v.contractAmount.toString())],
          [L.field.contractDate, text('contractDate', v.contractDate)],
          [L.field.periodStart, text('periodStart', v.periodStart)],
          [L.field.periodEnd, text('periodEnd', v.periodEnd)],
          [L.field.advanceShare, text('advanceShare', v.advanceShareBp === null ? null : String(v.advanceShareBp))],
          [L.field.performanceShare, text('performanceShare', v.performanceShareBp === null ? null : String(v.performanceShareBp))],
          [L.field.department, v.departmentName ?? L.noDepartment],
        ]}
      />
      <div className="actions">
        <Link href={`/orderer/contracts/${c.id}/edit`} className="button primary">
          {L.edit}
        </Link>
      </div>

      <section aria-labelledby="match-title">
        <h2 id="match-title">{m.title}</h2>
        {matching.matches.length ? null : <p>{m.lead}</p>}
        {matching.matches.map((match) => {
          const kind = m.kind[match.guarantee.kind] ?? '';
          const key = match.guarantee.kind.toLowerCase();
          return (
            <section key={match.guarantee.guaranteeId} aria-labelledby={`match-${key}`}>
              <h3 id={`match-${key}`}>{m.matchedKind(kind)}</h3>
              <DetailsList
                rows={[
                  [m.facts.number, match.guarantee.number],
                  [m.facts.kind, kind],
                  [m.facts.projectName, match.guarantee.projectName],
                  [m.facts.contractorName, match.guarantee.contractorName],
                  [m.facts.contractAmount, yen(match.guarantee.contractAmount)],
                  [m.facts.guaranteeAmount, yen(match.guarantee.guaranteeAmount)],
                  [m.facts.guaranteePeriod, L.period(formatIsoDate(match.guarantee.guaranteeStart), formatIsoDate(match.guarantee.guaranteeEnd))],
                  [m.facts.matchedBy, match.matchedBy],
                  [MATCH_VIA_FACT, MATCH_VIA_LABEL[match.via]],
                  [m.facts.matchedAt, formatDateTime(match.matchedAt)],
                ]}
              />
              <h4>{m.checkTitle}</h4>
              {match.findings.some((f) => f.problem) ? (
                <div className="notice warn">
                  <p>{m.problems}</p>
                  <ul>
                    {match.findings
                      .filter((f) => f.problem)
                      .map((f) => (
                        <li key={f.code}>{f.text}</li>
                      ))}
                  </ul>
                </div>
              ) : (
                <p className="notice ok">{m.consistent}</p>
              )}
              {match.findings.some((f) => !f.problem) ? (
                <>
                  <p>{m.notes}</p>
                  <ul>
                    {match.findings
                      .filter((f) => !f.problem)
                      .map((f) => (
                        <li key={f.code}>{f.text}</li>
                      ))}
                  </ul>
                </>
              ) : null}
              <UnmatchButton guaranteeId={match.guarantee.guaranteeId} number={match.guarantee.number} action={unmatchContractAction.bind(null, c.id)} />
            </section>
          );
        })}
        {matching.matches.length && matching.missing.length ? (
          <p className="notice warn">{m.missing(matching.missing.map((k) => m.missingGuarantee[k]).join('・'))}</p>
        ) : null}
        {matching.matches.length < 3 ? (
          <>
            <h3>{m.suggestionsTitle}</h3>
            <p className="hint">
              {matching.matches.length ? `${m.addLead}` : null}
              {m.suggestionsLead}
            </p>
            <ListTable
              caption={m.suggestionsCaption}
              columns={[
                { header: m.suggestionColumns.number, rowHeader: true, cell: (s) => s.candidate.number },
                { header: m.suggestionColumns.projectName, primary: true, cell: (s) => s.candidate.projectName },
                { header: m.suggestionColumns.kind, cell: (s) => m.kind[s.candidate.kind] ?? '' },
                { header: m.suggestionColumns.contractorName, cell: (s) => s.candidate.contractorName },
                { header: m.suggestionColumns.contractAmount, cell: (s) => formatYen(s.candidate.contractAmount) },
                { header: m.suggestionColumns.agrees, cell: (s) => m.agrees(s.agrees) },
                {
                  header: m.suggestionColumns.decide,
                  grow: true,
                  cell: (s) => <SuggestionDecision number={s.candidate.number} confirm={matchContractAction.bind(null, c.id)} reject={rejectMatchSuggestionAction.bind(null, c.id)} />,
                },
              ]}
              rows={matching.suggestions}
              rowKey={(s) => s.candidate.guaranteeId}
              empty={m.noSuggestions}
            />
            <h3>{m.byNumberTitle}</h3>
            <MatchByNumberForm action={matchContractAction.bind(null, c.id)} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{L.historyTitle}</h2>
        <ListTable
          caption={L.historyCaption}
          columns={[
            { header: L.historyColumns.revision, rowHeader: true, cell: (h) => L.revision(h.revision) },
            { header: L.historyColumns.at, primary: true, cell: (h) => formatDateTime(h.at) },
            { header: L.historyColumns.by, primary: true, cell: (h) => L.who(h.userName, h.departmentName) },
            { header: L.historyColumns.source, cell: (h) => (h.importFilename ? L.sourceWithFile(L.source[h.source], h.importFilename) : L.source[h.source]) },
            {
              header: L.historyColumns.changes,
              grow: true,
              cell: (h) => (
                <>
                  {h.revision === 1 ? <span>{L.createdWith}</span> : null}
                  <ul className="plain">
                    {h.changes.map((change) => (
                      <li key={change.field}>{changeLine(change, h.revision === 1)}</li>
                    ))}
                  </ul>
                </>
              ),
            },
          ]}
          rows={c.history}
          rowKey={(h) => String(h.revision)}
          empty=""
        />
      </section>
    </>
  );
}
