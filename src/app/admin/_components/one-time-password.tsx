import type { ReactNode } from 'react';
import { USER_LABELS as L } from '../labels';

/**
 * A generated password, shown in the answer to the action that created it and nowhere else: it is
 * never stored in plain text, never put in a URL, and gone on the next page load.
 */
export function OneTimePassword({
  heading,
  label,
  password,
  headingLevel = 2,
  children,
}: {
  heading: string;
  headingLevel?: 2 | 3;
  label: string;
  password: string;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="panel one-time" role="status">
      <Heading>{heading}</Heading>
      <dl className="details">
        {children}
        <dt>{label}</dt>
        <dd>
          <code className="secret" data-testid="one-time-password">
            {password}
          </code>
        </dd>
      </dl>
      <p className="warning">{L.passwordOnce}</p>
    </div>
  );
}
