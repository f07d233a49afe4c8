'use client';

import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import Link from 'next/link';
import { useActionState } from 'react';
import { createUserAction } from '@/actions/admin-user-actions';
import { Field, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
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
  const [state, formAction] = useActionState(createUserAction, undefined);
  const [form, fields] = useForm<UserCreateInput>({
    lastResult: state?.result,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: userCreateSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
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
        <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form" noValidate>
          <FormMessage errors={form.errors} />
          <Field meta={fields.role} label={L.fields.role} required>
            <select {...getSelectProps(fields.role)}>
              <option value="">{L.choose}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field meta={fields.organizationId} label={L.fields.organizationId} hint={L.hints.organizationId} required>
            <select {...getSelectProps(fields.organizationId, { ariaDescribedBy: `${fields.organizationId.id}-hint` })}>
              <option value="">{L.choose}</option>
              {kinds.map((kind) => (
                <optgroup key={kind} label={ORGANIZATION_KIND_LABEL[kind]}>
                  {organizations
                    .filter((o) => o.kind === kind)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Field>
          {showDepartment ? (
            <Field meta={fields.departmentId} label={L.fields.departmentId} hint={L.hints.departmentId} required={role === 'ORDERER'}>
              <select {...getSelectProps(fields.departmentId, { ariaDescribedBy: `${fields.departmentId.id}-hint` })}>
                <option value="">{L.noDepartment}</option>
                {orderers.map((o) => (
                  <optgroup key={o.id} label={o.name}>
                    {o.departments.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </Field>
          ) : null}
          <Field meta={fields.loginId} label={L.fields.loginId} hint={L.hints.loginId} required>
            <input
              {...getInputProps(fields.loginId, { type: 'text', ariaDescribedBy: `${fields.loginId.id}-hint` })}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
          </Field>
          <Field meta={fields.name} label={L.fields.name} required>
            <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" />
          </Field>
          <Field meta={fields.email} label={L.fields.email} hint={L.hints.email}>
            <input
              {...getInputProps(fields.email, { type: 'email', ariaDescribedBy: `${fields.email.id}-hint` })}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <div className="actions">
            <SubmitButton pendingLabel={C.creating}>{C.create}</SubmitButton>
          </div>
        </form>
      </section>
    </>
  );
}
