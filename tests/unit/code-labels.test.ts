import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_LABELS } from '@/app/admin/_components/record-labels';
import { LOOKUP_LOG_LABELS } from '@/app/admin/lookups/labels';
import { OUTBOX_LABELS } from '@/app/admin/outbox/labels';
import { APPLICATION_STATUS_LABEL, DELIVERY_METHOD_LABEL } from '@/domain/applications/labels';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@/domain/audit-codes';
import { CONFIRMED_EVENT_TEMPLATE } from '@/domain/confirmations/notify-confirmed-orderers';
import {
  attachmentTypeLabel,
  AUDIT_ACTION_LABEL,
  AUDIT_TARGET_LABEL,
  CERTIFICATION_STATUS_LABEL,
  DEPOSIT_MODE_LABEL,
  DEPARTMENT_KIND_LABEL,
  GATEWAY_MODE_LABEL,
  GUARANTEE_KIND_LABEL,
  GUARANTEE_STATUS_LABEL,
  JOINT_VENTURE_KIND_LABEL,
  JOINT_VENTURE_MODE_LABEL,
  JOINT_VENTURE_ROLE_LABEL,
  LIMIT_BOUND_LABEL,
  LOOKUP_OUTCOME_LABEL,
  MAIL_ATTACHMENT_TYPE_LABEL,
  MAIL_RELATED_LABEL,
  MAIL_STATUS_LABEL,
  MAIL_TEMPLATE_LABEL,
  ORGANIZATION_KIND_LABEL,
  ROLE_LABEL,
  ROUTE_TARGET_LABEL,
  WORK_TYPE_LABEL,
} from '@/domain/labels';
import { MAIL_ATTACHMENT_TYPES, MAIL_RELATED_TYPES, MAIL_TEMPLATES } from '@/domain/mail/templates';
import { ROUNDING_LABEL } from '@/domain/premium/calculate';
import { PAYMENT_METHOD_LABEL, PAYMENT_METHODS, premiumDocumentTitle } from '@/domain/premium/payments';
import * as enums from '@/generated/prisma/enums';
import { versionLabel } from '@/lib/wording';
import { IMPORT_STATUS_LABEL, REVISION_SOURCE_LABEL } from '@/domain/contracts/labels';
import { LAPSE_KIND_LABEL, LAPSE_RESOLUTION_LABEL } from '@/domain/contracts/lapse-labels';
import { MATCH_VIA_LABEL } from '@/domain/contracts/lookup-match-labels';
import { EVIDENCE_PACK_STATUS_LABEL } from '@/domain/evidence-packs/labels';

/**
 * Every code the portal writes and an officer's page prints has a Japanese name (issue 14, item 2): the
 * audit actions and what they are about (最近の操作), the kinds of mail, what a mail is about and its
 * attachments' types (送信メール), and every enum of the schema (states, kinds, outcomes…). The lists
 * come from where the codes are defined: the const arrays the writers are typed by (audit-codes.ts,
 * mail/templates.ts) and Prisma's generated enums, so a new code without a name fails here. The scan
 * at the end checks that nothing writes an audit row or a mail around those typed writers.
 */

const SRC = path.resolve('src');

/** A name a person reads: some Japanese, and nothing that looks like a code (`user.create`, `FOUND`, `guarantee`). */
function expectJapanese(label: string | undefined, code: string) {
  expect(label, `no name for ${code}`).toBeTypeOf('string');
  expect(label!.trim(), `empty name for ${code}`).not.toBe('');
  expect(label, `${code}: ${label}`).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
  expect(label, `${code}: ${label}`).not.toMatch(/[a-z]/);
  expect(label, `${code}: ${label}`).not.toMatch(/\b[A-Z]{2,}_/);
}

describe('the codes of the audit log (最近の操作)', () => {
  it('every action has its name', () => {
    for (const action of AUDIT_ACTIONS) expectJapanese(AUDIT_ACTION_LABEL[action], action);
    expect(Object.keys(AUDIT_ACTION_LABEL).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('every kind of record an action is about has its name, for the row and for its link', () => {
    for (const type of AUDIT_TARGET_TYPES) {
      expectJapanese(AUDIT_TARGET_LABEL[type], type);
      expectJapanese(RECORD_LABELS.type[type], type);
    }
    for (const kind of Object.values(enums.OrganizationKind)) expectJapanese(RECORD_LABELS.organization[kind], kind);
  });

  it('no two actions share a name', () => {
    const names = Object.values(AUDIT_ACTION_LABEL);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the codes of the mail outbox (送信メール)', () => {
  it('every kind of mail has its name, and no two share one', () => {
    for (const template of MAIL_TEMPLATES) expectJapanese(MAIL_TEMPLATE_LABEL[template], template);
    expect(Object.keys(MAIL_TEMPLATE_LABEL).sort()).toEqual([...MAIL_TEMPLATES].sort());
    expect(new Set(Object.values(MAIL_TEMPLATE_LABEL)).size).toBe(MAIL_TEMPLATES.length);
    // Made from an event rather than written out: each is one of the list.
    for (const template of Object.values(CONFIRMED_EVENT_TEMPLATE)) expect(MAIL_TEMPLATES).toContain(template);
    expectJapanese(OUTBOX_LABELS.otherTemplate, 'a kind no longer sent');
  });

  it('what a mail is about, its states and its attachments’ types have their names', () => {
    for (const type of MAIL_RELATED_TYPES) {
      expectJapanese(MAIL_RELATED_LABEL[type], type);
      expectJapanese(RECORD_LABELS.type[type], type);
    }
    for (const status of Object.values(enums.MailStatus)) expectJapanese(MAIL_STATUS_LABEL[status], status);
    for (const type of MAIL_ATTACHMENT_TYPES) {
      expect(MAIL_ATTACHMENT_TYPE_LABEL[type]).toBe('PDF');
      expect(attachmentTypeLabel(type, 'x.bin')).toBe(MAIL_ATTACHMENT_TYPE_LABEL[type]);
    }
    // A type the portal never attaches is named by its file's extension, never shown as a media type.
    expect(attachmentTypeLabel('text/plain', '認証キー等のお知らせ.txt')).toBe('TXTファイル');
    expect(attachmentTypeLabel('application/octet-stream', 'noextension')).toBe('ファイル');
  });

  it('every attachment the portal queues is of a type in the list', () => {
    const types = new Set<string>();
    for (const file of sourceFiles()) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/contentType:\s*'([^']+)'/g)) types.add(m[1]!);
    }
    expect([...types].filter((t) => !(MAIL_ATTACHMENT_TYPES as readonly string[]).includes(t))).toEqual([]);
  });
});

/** The name each enum value is shown by on the screens, by enum: a new enum in the schema must be added here. */
const ENUM_NAMES: { [E in keyof typeof enums]: (value: (typeof enums)[E][keyof (typeof enums)[E]]) => string } = {
  OrganizationKind: (v) => ORGANIZATION_KIND_LABEL[v],
  DepartmentKind: (v) => DEPARTMENT_KIND_LABEL[v],
  WorkType: (v) => WORK_TYPE_LABEL[v],
  GuaranteeKind: (v) => GUARANTEE_KIND_LABEL[v],
  LimitBound: (v) => LIMIT_BOUND_LABEL[v],
  RouteTarget: (v) => ROUTE_TARGET_LABEL[v],
  Role: (v) => ROLE_LABEL[v],
  GatewayRangeMode: (v) => GATEWAY_MODE_LABEL[v],
  ApplicationStatus: (v) => APPLICATION_STATUS_LABEL[v],
  DeliveryMethod: (v) => DELIVERY_METHOD_LABEL[v],
  GuaranteeStatus: (v) => GUARANTEE_STATUS_LABEL[v],
  // The version history names a version 第1版（新規） or 第2版（変更）.
  ChangeKind: (v) => versionLabel(v === 'ORIGINAL' ? 1 : 2, v === 'CHANGE'),
  RoundingRule: (v) => ROUNDING_LABEL[v],
  PremiumDocumentKind: (v) => premiumDocumentTitle({ kind: v, changeId: null }),
  LookupOutcome: (v) => LOOKUP_OUTCOME_LABEL[v],
  MailStatus: (v) => MAIL_STATUS_LABEL[v],
  JointVentureKind: (v) => JOINT_VENTURE_KIND_LABEL[v],
  JointVentureMode: (v) => JOINT_VENTURE_MODE_LABEL[v],
  JointVentureRole: (v) => JOINT_VENTURE_ROLE_LABEL[v],
  CertificationStatus: (v) => CERTIFICATION_STATUS_LABEL[v],
  DepositMode: (v) => DEPOSIT_MODE_LABEL[v],
  ContractRevisionSource: (v) => REVISION_SOURCE_LABEL[v],
  ContractImportStatus: (v) => IMPORT_STATUS_LABEL[v],
  ContractLapseKind: (v) => LAPSE_KIND_LABEL[v],
  ContractLapseResolution: (v) => LAPSE_RESOLUTION_LABEL[v],
  ContractMatchVia: (v) => MATCH_VIA_LABEL[v],
  EvidencePackStatus: (v) => EVIDENCE_PACK_STATUS_LABEL[v],
};

describe('the enums of the schema', () => {
  it('every value of every enum has its name', () => {
    const named = ENUM_NAMES as Record<string, (value: string) => string>;
    for (const [name, values] of Object.entries(enums)) {
      expect(named[name], `enum ${name} has no names: add it to ENUM_NAMES with the labels its screens use`).toBeTypeOf('function');
      for (const value of Object.values(values as Record<string, string>)) expectJapanese(named[name]!(value), `${name}.${value}`);
    }
  });

  it('the lookup log and the payment methods read theirs from the same place', () => {
    expect(LOOKUP_LOG_LABELS.outcomes).toBe(LOOKUP_OUTCOME_LABEL);
    for (const method of PAYMENT_METHODS) expectJapanese(PAYMENT_METHOD_LABEL[method], method);
  });
});

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('nothing writes around the typed writers', () => {
  const files = sourceFiles().map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }));

  it('an audit row is written by writeAudit, or with its codes checked against the lists (satisfies)', () => {
    const bypass: string[] = [];
    for (const { file, text } of files) {
      if (file === path.join('domain', 'audit.ts')) continue;
      // Each call with what follows it, up to the next call (a row's fields fit in 600 characters).
      for (const call of text.split(/auditLog\.(?:create|createMany|upsert|update|updateMany)\(/).slice(1).map((rest) => rest.slice(0, 600))) {
        if (!/action:[^\n]*satisfies AuditAction/.test(call) || !/targetType:[^\n]*satisfies AuditTargetType/.test(call)) bypass.push(`${file}: ${call.slice(0, 80)}…`);
      }
    }
    expect(bypass).toEqual([]);
  });

  it('a mail is queued by enqueueMail only', () => {
    const writers = files.filter(({ text }) => /outboxMail\.create(?:Many)?\(/.test(text)).map(({ file }) => file);
    expect(writers).toEqual([path.join('domain', 'mail', 'outbox.ts')]);
  });
});
