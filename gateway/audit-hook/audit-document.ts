/**
 * The GraphQL document as the audit record keeps it: stored once per SHA-256 in
 * audit_documents, in clear, so it must not carry personal data. Variables are only hashed, but
 * a caller can write the same value into the document (`person(idNumber: "3206…")`); so every
 * string literal is replaced by `"<redacted>"`, and the values go into the variables' keyed hash
 * instead (under `#literals`, a key no GraphQL variable can have), where the record still
 * commits to them. Numbers, booleans and enums are kept: they page, filter and switch, and do not
 * identify anyone.
 *
 * Token-level (regular expressions rather than a parse), so a document that does not parse (an
 * invalid request, which is recorded too) is redacted the same way, and a document without a
 * quote, the usual case with variables, costs one scan.
 */
export const REDACTED = '"<redacted>"';
/** Under this key the literals join the variables in the keyed hash: not a valid variable name. */
export const LITERALS_KEY = '#literals';

export interface AuditDocument {
  /** What audit_documents stores and the record's documentHash is of. */
  readonly text: string;
  /** The string literals removed from it, in document order (as written, quotes included). */
  readonly literals: readonly string[];
}

/**
 * At each quote, the longest reading first: a block string, a string, or an unterminated string
 * (the document does not parse), taken to the end of its line.
 */
const STRING_TOKEN = /"""(?:\\"""|[\s\S])*?"""|"(?:[^"\\\n\r]|\\.)*"|"[^\n\r]*/g;

export function auditDocument(query: string): AuditDocument {
  if (!query.includes('"')) return { text: query, literals: [] };
  const literals: string[] = [];
  const text = query.replace(STRING_TOKEN, (literal) => {
    literals.push(literal);
    return REDACTED;
  });
  return { text, literals };
}

/** The variables as hashed: with the document's literals added when there were any. */
export function hashedVariables(variables: Readonly<Record<string, unknown>> | null, document: AuditDocument | null): Readonly<Record<string, unknown>> | null {
  if (!document || document.literals.length === 0) return variables;
  return { ...(variables ?? {}), [LITERALS_KEY]: document.literals };
}
