import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ListTable } from '@/components/list-table';
import { DEPARTMENT_KIND_LABEL, GUARANTEE_KIND_LABEL, LIMIT_BOUND_LABEL, ROUTE_TARGET_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { getOrdererOverview } from '@/domain/organizations/overview';
import { formatListDate } from '@/lib/dates';
import { CERTIFICATION_LABELS as CL } from '@/app/_components/certification-labels';
import { countWaitingCertifications } from '@/domain/certifications/queries';

export const metadata: Metadata = { title: 'ホーム（発注者） | 電子保証ポータル' };

export default async function OrdererHome() {
  const actor = await requirePageActor('orderer');
  const org = await getOrdererOverview(await getDb(), actor);
  const rules = org.ordererRules;
  const waiting = await countWaitingCertifications(await getDb(), actor);
  return (
    <>
      <h1>ホーム</h1>
      {waiting > 0 ? (
        <p className="notice" role="note">
          {CL.homePanel(waiting)} <Link href="/orderer/certifications">{CL.homeLink}</Link>
        </p>
      ) : null}
      <p className="actions">
        <Link href="/orderer/lookup" className="button primary">
          電子証書を確認する
        </Link>
        <Link href="/orderer/confirmed">確認済み一覧</Link>
      </p>
      <section aria-labelledby="rules-heading" className="panel">
        <h2 id="rules-heading">{org.name} の電子保証の取扱い</h2>
        <dl className="details">
          <dt>証書上の名称（被保証者）</dt>
          <dd>{org.certificateName} 様</dd>
          <dt>電子交付の対象</dt>
          <dd>
            {rules?.electronicFrom
              ? `${formatListDate(rules.electronicFrom)} 以降に契約を締結した${rules.electronicWorkTypes.map((w) => WORK_TYPE_LABEL[w]).join('・')}`
              : '電子交付は受け付けていません'}
          </dd>
          <dt>保証金額の範囲</dt>
          <dd>
            <ul className="plain">
              {org.limits.map((l) => (
                <li key={l.id}>
                  {GUARANTEE_KIND_LABEL[l.guaranteeKind]}
                  {l.workType ? `（${WORK_TYPE_LABEL[l.workType]}）` : ''}: 請負金額の {l.numerator}/{l.denominator}{' '}
                  {LIMIT_BOUND_LABEL[l.bound]}
                </li>
              ))}
            </ul>
          </dd>
          <dt>印刷物の提出</dt>
          <dd>{rules?.printoutAccepted ? '受け付ける' : '受け付けない（電子での提出のみ）'}</dd>
        </dl>
      </section>
      <section aria-labelledby="routes-heading" className="panel">
        <h2 id="routes-heading">認証キー等の提出先</h2>
        <ListTable
          wrapClassName=""
          className="table"
          columns={[
            { header: '区分', cell: (r) => GUARANTEE_KIND_LABEL[r.guaranteeKind] },
            { header: '提出先', cell: (r) => (r.department ? `${r.department.name}（${r.department.email ?? 'メール未登録'}）` : ROUTE_TARGET_LABEL[r.target]) },
          ]}
          rows={org.routes}
          rowKey={(r) => r.id}
        />
      </section>
      <section aria-labelledby="departments-heading" className="panel">
        <h2 id="departments-heading">部署</h2>
        <ul>
          {org.departments.map((d) => (
            <li key={d.id}>
              {d.name}（{DEPARTMENT_KIND_LABEL[d.kind]}）{d.email ? ` ${d.email}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
