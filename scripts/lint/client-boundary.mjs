// ESLint rule `layers/client-boundary`: a 'use client' file must not reach a server-only module.
//
// A client component ships to the browser; a module that starts with `import 'server-only'` (the
// database client, every use case that reads or writes rows, secrets) must never be bundled there.
// Next's build refuses such a graph too, but only at `next build` and with the whole chain to find by
// hand; this rule says it at lint time, at the import that starts the chain, with the chain.
//
// It follows value imports (`import type` and `export type … from` are erased and cannot pull code in)
// through the project's own files (`@/…` and relative specifiers), transitively, and reads each file
// once per lint run. It stops at a "use server" file: the client gets references to its actions.
import fs from 'node:fs';
import path from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx'];
const SERVER_ONLY = /^\s*import\s+['"]server-only['"]\s*;?\s*$/m;
// A "use server" file is an RPC boundary: a client imports references to its actions, never its code.
const USE_SERVER = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*['"]use server['"]/;
// import … from '…' | export … from '…' | import '…' — with the `type` keyword captured.
const IMPORTS = /^\s*(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/gm;

function resolveSpecifier(specifier, fromFile, srcDir) {
  let base;
  if (specifier.startsWith('@/')) base = path.join(srcDir, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier);
  else return null; // a package: not ours to follow
  if (/\.(tsx?|m?js)$/.test(base) && fs.existsSync(base)) return base;
  for (const ext of EXTENSIONS) {
    if (fs.existsSync(base + ext)) return base + ext;
  }
  return null;
}

/** Value imports of a file's text: `import { type A, b }` counts (b is a value), `import type {…}` does not. */
function valueImports(text) {
  const specifiers = [];
  for (const match of text.matchAll(IMPORTS)) {
    if (match[1]) continue;
    const whole = match[0];
    const braces = /\{([^}]*)\}/.exec(whole);
    const onlyTypes =
      braces && !/^\s*(?:import|export)\s+[\w$]+\s*,/.test(whole) && braces[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
    if (onlyTypes) continue;
    specifiers.push(match[2]);
  }
  return specifiers;
}

function createChecker(srcDir) {
  const texts = new Map();
  const read = (file) => {
    if (!texts.has(file)) texts.set(file, fs.readFileSync(file, 'utf8'));
    return texts.get(file);
  };
  const chains = new Map(); // file → chain to a server-only module, or null
  const visiting = new Set();
  const chainFrom = (file) => {
    if (chains.has(file)) return chains.get(file);
    if (visiting.has(file)) return null;
    visiting.add(file);
    const text = read(file);
    let chain = null;
    if (USE_SERVER.test(text)) chain = null;
    else if (SERVER_ONLY.test(text)) chain = [file];
    else {
      for (const specifier of valueImports(text)) {
        const target = resolveSpecifier(specifier, file, srcDir);
        if (!target) continue;
        const rest = chainFrom(target);
        if (rest) {
          chain = [file, ...rest];
          break;
        }
      }
    }
    visiting.delete(file);
    chains.set(file, chain);
    return chain;
  };
  return { chainFrom, resolve: (specifier, file) => resolveSpecifier(specifier, file, srcDir) };
}

const checkers = new Map();

export const clientBoundary = {
  meta: {
    type: 'problem',
    docs: { description: "A 'use client' file must not import (directly or through other files) a module marked import 'server-only'." },
    // `everyFile`: check every file, not only 'use client' ones — for code that runs outside React's
    // server bundle, such as the browser tests (Playwright loads them in plain Node, where importing
    // 'server-only' throws).
    schema: [{ type: 'object', properties: { srcDir: { type: 'string' }, everyFile: { type: 'boolean' } }, additionalProperties: false }],
    messages: { serverOnly: "Client code reaches a server-only module: {{chain}}. Move the pure part (labels, schema, formatter) into its own file without database imports." },
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some(
      (node) => node.type === 'ExpressionStatement' && node.directive === 'use client',
    );
    if (!isClient && !context.options[0]?.everyFile) return {};
    const srcDir = path.resolve(context.options[0]?.srcDir ?? 'src');
    if (!checkers.has(srcDir)) checkers.set(srcDir, createChecker(srcDir));
    const checker = checkers.get(srcDir);
    const file = context.filename;
    const check = (node) => {
      if (node.importKind === 'type' || node.exportKind === 'type' || !node.source) return;
      const specifiers = node.specifiers ?? [];
      if (specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')) return;
      const target = checker.resolve(node.source.value, file);
      if (!target) return;
      const chain = checker.chainFrom(target);
      if (!chain) return;
      const rel = (f) => path.relative(process.cwd(), f);
      context.report({ node, messageId: 'serverOnly', data: { chain: [file, ...chain].map(rel).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

const layers = { rules: { 'client-boundary': clientBoundary } };

export default layers;
