'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { type FormState, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { contractorSchema, departmentSchema, ordererSchema } from '@/domain/organizations/schemas';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.


export async function createContractorAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const submission = parseForm(formData, contractorSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await saveContractor(await getDb(), actor, undefined, submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/contractors/${result.value.id}?saved=created`);
}

export async function updateContractorAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const contractorId = requireUuid(id);
  const submission = parseForm(formData, contractorSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveContractor(await getDb(), actor, contractorId, submission.value));
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/contractors/${contractorId}?saved=1`);
}

export async function createOrdererAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const submission = parseForm(formData, ordererSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await saveOrderer(await getDb(), actor, undefined, submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/orderers/${result.value.id}?saved=created`);
}

export async function updateOrdererAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const ordererId = requireUuid(id);
  const submission = parseForm(formData, ordererSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveOrderer(await getDb(), actor, ordererId, submission.value));
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/orderers/${ordererId}?saved=1`);
}

export async function createDepartmentAction(ordererId: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const orgId = requireUuid(ordererId);
  const submission = parseForm(formData, departmentSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveDepartment(await getDb(), actor, orgId, undefined, submission.value));
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/orderers/${orgId}?saved=department#departments`);
}

export async function updateDepartmentAction(ordererId: string, departmentId: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const orgId = requireUuid(ordererId);
  const deptId = requireUuid(departmentId);
  const submission = parseForm(formData, departmentSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveDepartment(await getDb(), actor, orgId, deptId, submission.value));
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/orderers/${orgId}/departments/${deptId}?saved=1`);
}
