import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import rules of eslint.config.mjs, tried on files that break them: lint must refuse each one.
// The texts are linted as if they stood at the given path (nothing is written to src/). import/no-cycle
// reads the linted file from disk, so it is tried on an existing file and left out for the new ones.

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;
let eslintWithCycles: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfig: { rules: { 'import/no-cycle': 'off' } } });
  eslintWithCycles = new ESLint({ cwd: root });
});

async function problems(file: string, text: string, linter = () => eslint): Promise<string[]> {
  const [result] = await linter().lintText(text, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

// Loading the TypeScript parser and the resolver the first time takes a few seconds on a busy machine.
const LINT = { timeout: 120_000 };

describe('layers (eslint.config.mjs)', () => {
  it('refuses a domain file importing a page, a component or an action', LINT, async () => {
    const found = await problems('src/domain/guarantees/back-edge.ts', "import { COMMON_LABELS } from '@/components/common-labels';\nexport const x = COMMON_LABELS;\n");
    expect(found.join('\n')).toMatch(/import\/no-restricted-paths: .*src\/domain is the business/);
    const component = await problems('src/domain/guarantees/back-edge.ts', "import { CertificateDocument } from '@/components/certificate/certificate-document';\nexport const x = CertificateDocument;\n");
    expect(component.join('\n')).toMatch(/import\/no-restricted-paths/);
  });

  it('refuses an action importing a page module', LINT, async () => {
    const found = await problems('src/actions/back-edge.ts', "import { LOGIN_LABELS } from '@/app/(public)/login/labels';\nexport const x = LOGIN_LABELS;\n");
    expect(found.join('\n')).toMatch(/Server actions never import pages/);
  });

  it('refuses a PDF renderer importing the domain (pdf imports only lib)', LINT, async () => {
    const found = await problems('src/pdf/back-edge.ts', "import { GUARANTEE_KIND_LABEL } from '@/domain/labels';\nexport const x = GUARANTEE_KIND_LABEL;\n");
    expect(found.join('\n')).toMatch(/src\/pdf renders plain data/);
    expect(await problems('src/pdf/fine.ts', "import { formatYen } from '@/lib/money';\nexport const x = formatYen(1n);\n")).toEqual([]);
  });

  it("refuses one side's pages importing another side's folder, and allows the shared hallway", LINT, async () => {
    const found = await problems('src/app/contractor/back-edge.ts', "import { loadOrganization } from '@/app/admin/_components/load-organization';\nexport const x = loadOrganization;\n");
    expect(found.join('\n')).toMatch(/A side's pages never import another side's folder/);
    expect(await problems('src/app/contractor/fine.ts', "import { COMMON_LABELS } from '@/components/common-labels';\nexport const x = COMMON_LABELS;\n")).toEqual([]);
  });

  it("refuses a 'use client' file that reaches a server-only module, directly or through another file", LINT, async () => {
    const direct = await problems('src/components/back-edge.tsx', "'use client';\nimport { getDb } from '@/db/client';\nexport const x = getDb;\n");
    expect(direct.join('\n')).toMatch(/layers\/client-boundary: Client code reaches a server-only module: .*src\/db\/client\.ts/);
    // app/_components/load-organization.ts imports the database client: the chain is named.
    const through = await problems('src/app/admin/back-edge.tsx', "'use client';\nimport { loadOrganization } from '@/app/admin/_components/load-organization';\nexport const x = loadOrganization;\n");
    expect(through.join('\n')).toMatch(/load-organization\.ts/);
    // A type import is erased; a "use server" file is a boundary (the client gets action references).
    expect(await problems('src/components/fine.tsx', "'use client';\nimport type { GuaranteePage } from '@/domain/guarantees/list';\nimport { signOutAction } from '@/actions/auth-actions';\nexport type X = GuaranteePage;\nexport const y = signOutAction;\n")).toEqual([]);
  });

  it('refuses an import cycle', LINT, async () => {
    // domain/confirmations/csv.ts imports marks.ts; a marks.ts importing csv.ts closes a cycle.
    const found = await problems('src/domain/confirmations/marks.ts', "import { confirmedCsvText } from './csv';\nexport const x = confirmedCsvText;\n", () => eslintWithCycles);
    expect(found.join('\n')).toMatch(/import\/no-cycle/);
  });
});
