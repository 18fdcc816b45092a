// JS source text for data: the generated module is JavaScript, not JSON, so values JSON cannot
// hold (NaN, -0, undefined, bigint) still come through exactly.

/** A JS expression that evaluates to a value equal to `v` (plain data only). */
export function literal(v: unknown): string {
  switch (typeof v) {
    case 'undefined': return 'undefined';
    case 'bigint': return `${v}n`;
    case 'boolean': case 'string': return JSON.stringify(v);
    case 'number':
      if (Number.isNaN(v)) return 'NaN';
      if (v === Infinity) return 'Infinity';
      if (v === -Infinity) return '-Infinity';
      return Object.is(v, -0) ? '-0' : String(v);
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
      if (typeof v === 'object') return objectLiteral(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, literal(x)]));
      throw new TypeError(`literal: cannot write a ${typeof v}`);
  }
}

/** `{ key: expr, ... }` from keys and already-written expressions. */
export function objectLiteral(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, x]) => `${propertyKey(k)}: ${x}`).join(', ')}}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function propertyKey(k: string): string {
  // `__proto__: x` in a literal sets the prototype instead of making a property
  if (k === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(k) ? k : JSON.stringify(k);
}

/** An export name as `export { local as NAME }` needs it: quoted unless an identifier name. */
export const exportName = (k: string): string => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
