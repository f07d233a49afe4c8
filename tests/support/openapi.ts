/**
 * A small structural check of JSON values against the OpenAPI document's schemas, for the tests that
 * hold the real answers of a route against what the document promises: type, const, enum, pattern,
 * required, properties, items, oneOf (exactly one alternative fits) ($ref resolved against the document).
 */

export type Schema = Record<string, unknown>;

export function resolveRef(doc: Schema, schema: Schema): Schema {
  let s = schema;
  while (typeof s.$ref === 'string') {
    const path = s.$ref.replace(/^#\//, '').split('/');
    const found = path.reduce<Schema | undefined>((node, part) => node?.[part] as Schema | undefined, doc);
    if (!found) throw new Error(`unresolved ${s.$ref}`);
    s = found;
  }
  return s;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/** Every way `value` departs from `schema` (empty when it fits), with a JSON path for each. */
export function schemaProblems(doc: Schema, schema: Schema, value: unknown, at = '$'): string[] {
  const s = resolveRef(doc, schema);
  const out: string[] = [];
  if (Array.isArray(s.oneOf)) {
    const fitting = (s.oneOf as Schema[]).filter((alternative) => schemaProblems(doc, alternative, value, at).length === 0).length;
    if (fitting !== 1) out.push(`${at}: fits ${fitting} of ${s.oneOf.length} oneOf alternatives`);
  }
  if ('const' in s && s.const !== value) out.push(`${at}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) out.push(`${at}: not in enum`);
  if (s.type !== undefined) {
    const types = ([] as unknown[]).concat(s.type);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [...out, `${at}: ${actual} is not ${types.join('|')}`];
  }
  if (typeof value === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) out.push(`${at}: does not match ${s.pattern}`);
  if (typeof value === 'string' && s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) out.push(`${at}: not a date`);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of (s.required as string[] | undefined) ?? []) if (!(key in obj)) out.push(`${at}.${key}: missing`);
    const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, sub] of Object.entries(properties)) if (key in obj) out.push(...schemaProblems(doc, sub, obj[key], `${at}.${key}`));
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => out.push(...schemaProblems(doc, s.items as Schema, item, `${at}[${i}]`)));
  return out;
}

/** Keys of `value` (an object) that the schema does not document (for a oneOf: the alternative it fits). */
export function undocumentedKeys(doc: Schema, schema: Schema, value: Record<string, unknown>): string[] {
  const s = resolveRef(doc, schema);
  if (Array.isArray(s.oneOf)) {
    const fitting = (s.oneOf as Schema[]).find((alternative) => schemaProblems(doc, alternative, value).length === 0);
    return fitting ? undocumentedKeys(doc, fitting, value) : Object.keys(value);
  }
  const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
  return Object.keys(value).filter((key) => !(key in properties));
}
