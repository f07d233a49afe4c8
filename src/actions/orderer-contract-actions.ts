'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { cancelContractImport, confirmContractImport, previewContractImport } from '@/domain/contracts/import-contracts';
import { CONTRACT_FILE_MESSAGES } from '@/domain/contracts/labels';
import { matchContract, rejectMatchSuggestion, unmatchContract } from '@/domain/contracts/match-contract';
import { matchFormSchema } from '@/domain/contracts/match-labels';
import { saveContract } from '@/domain/contracts/save-contract';
import { contractFormSchema, contractImportFormSchema } from '@/domain/contracts/schemas';
import { parseForm, revisionOf, splitErrors, type FormState } from './action-helpers';

// 契約台帳 (issue 17): the orderer's staff enter and edit contracts and import files. Only the actions
// are exported: every export of a 'use server' file is a public endpoint.

/** 登録する: a new contract; every refusal at its field, what was typed kept. */
export async function createContractAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const submission = parseForm(formData, contractFormSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await saveContract(await getDb(), actor, undefined, submission.payload);
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/orderer/contracts/${result.value.id}?saved=created`);
}

/** 保存する: an edit at the revision the form was loaded at (a newer one refuses, the form kept). */
export async function updateContractAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const contractId = requireUuid(id);
  const submission = parseForm(formData, contractFormSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveContract(await getDb(), actor, contractId, submission.payload, { expectedRevision: revisionOf(formData) }));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/orderer/contracts/${contractId}?saved=${result.value.changed ? 'updated' : 'unchanged'}`);
}

/** The uploaded file of the import form; an input left empty sends one nameless, empty file. */
async function uploadedFile(formData: FormData): Promise<{ name: string; bytes: Uint8Array } | null> {
  const file = formData.get('file');
  formData.delete('file');
  if (!file || typeof file === 'string' || (file.name === '' && file.size === 0)) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** 読み込む: the file read and checked, kept for the preview page; a file refused as a whole answers at the field. */
export async function previewContractImportAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const file = await uploadedFile(formData);
  const submission = parseForm(formData, contractImportFormSchema);
  if (submission.status !== 'success') return submission.reply();
  if (!file) return submission.reply({ fieldErrors: { file: [CONTRACT_FILE_MESSAGES.none] } });
  const result = await previewContractImport(await getDb(), actor, { filename: file.name, bytes: file.bytes, encoding: submission.value.encoding });
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/orderer/contracts/imports/${result.value.id}`);
}

/** 取り込む: every row in one transaction, or nothing; a refusal is shown at the button. */
export async function confirmContractImportAction(id: string, _prev: { error: string } | undefined, _formData: FormData) {
  const actor = await requireActionActor('orderer');
  const importId = requireUuid(id);
  const result = await orNotFound(confirmContractImport(await getDb(), actor, importId));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/orderer/contracts/imports/${importId}?saved=imported`);
}

/** 取りやめる: the previewed file is set aside. */
export async function cancelContractImportAction(id: string, _prev: { error: string } | undefined, _formData: FormData) {
  const actor = await requireActionActor('orderer');
  const importId = requireUuid(id);
  const result = await orNotFound(cancelContractImport(await getDb(), actor, importId));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/orderer/contracts/import?saved=cancelled`);
}

/** 照合する: a confirmed certificate chosen by its number (or a suggestion's); a refusal at the number field. */
export async function matchContractAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const contractId = requireUuid(id);
  const submission = parseForm(formData, matchFormSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(matchContract(await getDb(), actor, contractId, submission.value));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/orderer/contracts/${contractId}?saved=matched`);
}

/** 候補から外す: the suggestion is not made again for this contract. */
export async function rejectMatchSuggestionAction(id: string, _prev: { error: string } | undefined, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const contractId = requireUuid(id);
  const result = await orNotFound(rejectMatchSuggestion(await getDb(), actor, contractId, { guaranteeNumber: formData.get('guaranteeNumber') }));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/orderer/contracts/${contractId}?saved=rejected`);
}

/** 照合を解除する: only the match the page showed. */
export async function unmatchContractAction(id: string, _prev: { error: string } | undefined, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const contractId = requireUuid(id);
  const result = await orNotFound(unmatchContract(await getDb(), actor, contractId, { guaranteeId: formData.get('guaranteeId') }));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/orderer/contracts/${contractId}?saved=unmatched`);
}
