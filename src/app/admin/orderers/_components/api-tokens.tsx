import { issueApiTokenAction, revokeApiTokenAction } from '@/actions/admin-api-token-actions';
import type { ApiTokenRow } from '@/domain/api-tokens/queries';
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
        <div className="table-wrap">
          <table className="table wide">
            <thead>
              <tr>
                <th scope="col">{L.columns.name}</th>
                <th scope="col">{L.columns.createdAt}</th>
                <th scope="col">{L.columns.createdBy}</th>
                <th scope="col">{L.columns.lastUsedAt}</th>
                <th scope="col">{L.columns.status}</th>
                <th scope="col">{L.columns.action}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.createdBy ? `${token.createdBy.name}（${token.createdBy.loginId}）` : L.none}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : L.neverUsed}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="badge off">{L.revoked(formatDateTime(token.revokedAt))}</span>
                    ) : (
                      <span className="badge on">{L.active}</span>
                    )}
                  </td>
                  <td>{token.revokedAt ? L.none : <ApiTokenRevokeForm action={revokeApiTokenAction.bind(null, token.id)} name={token.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            {L.lastUsedNote} {L.revoke.note}
          </p>
        </div>
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
