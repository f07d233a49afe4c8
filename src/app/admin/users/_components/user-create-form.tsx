'use client';

import Link from 'next/link';
import { createUserAction } from '@/actions/admin-user-actions';
import { ActionForm, InputField, SelectField, SubmitButton, useActionForm } from '@/components/form';
import { ORGANIZATION_KIND_LABEL, ROLE_LABEL } from '@/domain/labels';
import { ROLES, userCreateSchema, type UserCreateInput } from '@/domain/users/schemas';
import type { OrganizationKind, Role } from '@/generated/prisma/enums';
import { COMMON_LABELS as C, USER_LABELS as L } from '../../labels';
import { OneTimePassword } from '../../_components/one-time-password';
import { useHydrated } from './use-hydrated';

interface OrganizationChoice {
  id: string;
  kind: OrganizationKind;
  name: string;
  departments: { id: string; name: string }[];
}

const isRole = (value: unknown): value is Role => ROLES.some((role) => role === value);

/**
 * A new account of any role. Without JavaScript every organisation (grouped by kind) and every
 * department (grouped by orderer) is offered and the domain checks that they fit the role; with it,
 * the choices narrow to the selected role and organisation.
 */
export function UserCreateForm({
  organizations,
  kindOfRole,
  defaultValue,
}: {
  organizations: OrganizationChoice[];
  kindOfRole: Record<Role, OrganizationKind>;
  defaultValue: Pick<Partial<UserCreateInput>, 'role' | 'organizationId'>;
}) {
  const { state, form, fields, formAction } = useActionForm(createUserAction, userCreateSchema, {
    defaultValue,
    initialState: undefined,
    result: (s) => s?.result,
  });
  const hydrated = useHydrated();
  const role = hydrated && isRole(fields.role.value) ? fields.role.value : undefined;
  const kinds = [...new Set(organizations.map((o) => o.kind))].filter((kind) => !role || kindOfRole[role] === kind);
  const orderers = organizations.filter(
    (o) => o.kind === 'ORDERER' && o.departments.length > 0 && (!hydrated || !fields.organizationId.value || o.id === fields.organizationId.value),
  );
  const showDepartment = !role || role === 'ORDERER';
  const created = state?.created;

  return (
    <>
      {created ? (
        <OneTimePassword heading={L.created.heading} label={L.created.password} password={created.password}>
          <dt>{L.created.loginId}</dt>
          <dd>
            <Link href={`/admin/users/${created.id}`}>{created.loginId}</Link>
          </dd>
          <dt>{L.fields.name}</dt>
          <dd>{created.name}</dd>
        </OneTimePassword>
      ) : null}
      <section className="panel">
        <ActionForm form={form} action={formAction}>
          <SelectField
            meta={fields.role}
            label={L.fields.role}
            required
            placeholder={L.choose}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
          />
          <SelectField
            meta={fields.organizationId}
            label={L.fields.organizationId}
            hint={L.hints.organizationId}
            required
            placeholder={L.choose}
            groups={kinds.map((kind) => ({
              key: kind,
              label: ORGANIZATION_KIND_LABEL[kind],
              options: organizations.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name })),
            }))}
          />
          {showDepartment ? (
            <SelectField
              meta={fields.departmentId}
              label={L.fields.departmentId}
              hint={L.hints.departmentId}
              required={role === 'ORDERER'}
              placeholder={L.noDepartment}
              groups={orderers.map((o) => ({ key: o.id, label: o.name, options: o.departments.map((d) => ({ value: d.id, label: d.name })) }))}
            />
          ) : null}
          <InputField
            meta={fields.loginId}
            label={L.fields.loginId}
            hint={L.hints.loginId}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
          />
          <InputField meta={fields.name} label={L.fields.name} required autoComplete="off" />
          <InputField meta={fields.email} label={L.fields.email} hint={L.hints.email} type="email" autoComplete="off" spellCheck={false} />
          <div className="actions">
            <SubmitButton pendingLabel={C.creating}>{C.create}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
