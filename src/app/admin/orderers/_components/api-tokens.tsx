import { issueApiTokenAction, revokeApiTokenAction } from '@/actions/admin-api-token-actions';
import type { ApiTokenRow } from '@/domain/api-tokens/queries';
import { ListTable } from '@/components/list-table';
import { formatDateTime } from '@/lib/dates';
import { ApiTokenIssueForm, ApiTokenRevokeForm } from './api-token-forms';
import { API_TOKEN_LABELS as L } from './api-token-labels';

/**
 * 「APIトークン」 on the orderer's admin page: the orderer's tokens (never a hash or a token: only
 * what an officer needs to tell them apart), 「トークンを発行」 and 「無効にする」 per usable token.
 */
export function ApiTokensSection({ ordererId, ordererActive, tokens }: { ordererId: string; ordererActive: boolean; tokens: ApiTokenRow[] }) {
  const activeTokenIds = tokens.filter((t) => t.revokedAt === null).map((t) => t.id);
  return (
    <section className="panel" id="api-tokens" aria-labelledby="api-tokens-heading">
      <h2 id="api-tokens-heading">{L.heading}</h2>
      <p>
        {L.lead} <a href="/api/v1/openapi.json">{L.apiDoc}</a>
      </p>
      {ordererActive ? null : (
        <p className="form-message error" role="note">
          {L.inactiveOrderer}
        </p>
      )}
      {tokens.length === 0 ? (
        <p className="empty">{L.empty}</p>
      ) : (
        <>
          <ListTable
            columns={[
              { header: L.columns.name, rowHeader: true, cell: (token: ApiTokenRow) => token.name },
              { header: L.columns.createdAt, cell: (token: ApiTokenRow) => formatDateTime(token.createdAt) },
              { header: L.columns.createdBy, grow: true, cell: (token: ApiTokenRow) => (token.createdBy ? `${token.createdBy.name}（${token.createdBy.loginId}）` : L.none) },
              { header: L.columns.lastUsedAt, cell: (token: ApiTokenRow) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : L.neverUsed) },
              {
                header: L.columns.status,
                primary: true,
                cell: (token: ApiTokenRow) =>
                  token.revokedAt ? <span className="badge off">{L.revoked(formatDateTime(token.revokedAt))}</span> : <span className="badge on">{L.active}</span>,
              },
              {
                header: L.columns.action,
                cell: (token: ApiTokenRow) => (token.revokedAt ? L.none : <ApiTokenRevokeForm action={revokeApiTokenAction.bind(null, token.id)} name={token.name} />),
              },
            ]}
            rows={tokens}
            rowKey={(token) => token.id}
            caption={L.heading}
          />
          <p className="hint">
            {L.lastUsedNote} {L.revoke.note}
          </p>
        </>
      )}
      {ordererActive ? (
        <>
          <h3 id="issue-api-token-heading">{L.issue.heading}</h3>
          <ApiTokenIssueForm action={issueApiTokenAction.bind(null, ordererId)} activeTokenIds={activeTokenIds} />
        </>
      ) : null}
    </section>
  );
}
