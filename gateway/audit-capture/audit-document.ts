/**
 * The GraphQL document as the audit record keeps it: stored once per SHA-256 in
 * audit_documents, in clear, so it must not carry personal data. Variables are only hashed, but
 * a caller can write the same value into the document, and in more than one way: a string
 * (`person(idNumber: "3206…")`), a block string, an integer (`person(idNumber: 320685199609156438)`
 * is valid GraphQL for an ID), a float, an enum value, in an argument, a variable's default, a
 * directive, a list or an input object; and in comments and caller-chosen names (aliases,
 * operation, fragment and variable names). So every literal (int, float, string, block string,
 * enum value) becomes `"<redacted>"`, every comment `#`, and every run of 6 or more digits in a
 * name `_`; what was removed goes into the variables' keyed hash instead (under `#literals`, a
 * key no GraphQL variable can have), where the record still commits to it. Booleans and null are
 * kept: they switch, and cannot identify anyone.
 *
 * A document that parses is redacted exactly, token by token from the parse; one that does not
 * (an invalid request, recorded too) is redacted from its tokens up to the first that cannot be
 * read, more eagerly (any name after `:` or `=` inside parentheses, any list item there), and
 * past that by pattern (strings, numbers, comments). Either way one pass over the text.
 */
import { DocumentNode, Lexer, parse, Source, Token, TokenKind, visit } from 'graphql';

export const REDACTED = '"<redacted>"';
/** Under this key the literals join the variables in the keyed hash: not a valid variable name. */
export const LITERALS_KEY = '#literals';

export interface AuditDocument {
  /** What audit_documents stores and the record's documentHash is of. */
  readonly text: string;
  /** What was removed from it, in document order, as written (quotes included). */
  readonly literals: readonly string[];
}

/** Six digits is the shortest identifier worth hiding (a county code); an ID number has 17. */
const DIGIT_RUN = /\d{6,}/g;
const HAS_DIGIT_RUN = /\d{6}/;
/** Past a token the lexer cannot read: strings (also unterminated), comments, anything starting with a digit. */
const UNREADABLE_REST =
  /"""(?:\\"""|[\s\S])*?"""|"(?:[^"\\\n\r]|\\.)*"|"[^\n\r]*|#[^\n\r]*|\d[\w.+-]*/g;
const LITERAL_TOKENS: ReadonlySet<TokenKind> = new Set([
  TokenKind.INT,
  TokenKind.FLOAT,
  TokenKind.STRING,
  TokenKind.BLOCK_STRING,
]);

/** Which NAME tokens are enum values, found in a parse: value positions exactly. */
function enumValueTokens(doc: DocumentNode): Set<Token> {
  const tokens = new Set<Token>();
  visit(doc, {
    EnumValue(node) {
      if (node.loc) tokens.add(node.loc.startToken);
    },
  });
  return tokens;
}

/**
 * For a document that does not parse: a NAME in a value position as far as the tokens tell,
 * i.e. inside parentheses right after `:`, `=` or `[`, or anywhere in a list there. Eager on
 * purpose: a type name in a variable definition is redacted too, which is harmless.
 */
function valueNameGuesser(): (token: Token) => boolean {
  let parens = 0;
  let lists = 0;
  let previous: TokenKind | null = null;
  return (token) => {
    const kind = token.kind;
    let isValue = false;
    if (kind === TokenKind.PAREN_L) parens++;
    else if (kind === TokenKind.PAREN_R) {
      parens = Math.max(0, parens - 1);
      lists = 0;
    } else if (kind === TokenKind.BRACKET_L && parens > 0) lists++;
    else if (kind === TokenKind.BRACKET_R && lists > 0) lists--;
    else if (kind === TokenKind.NAME && parens > 0)
      isValue = lists > 0 || previous === TokenKind.COLON || previous === TokenKind.EQUALS;
    previous = kind;
    return isValue;
  };
}

interface Redaction {
  text: string;
  literals: string[];
}

function redactToken(query: string, token: Token, isEnumValue: boolean, out: Redaction): void {
  const written = query.slice(token.start, token.end);
  if (LITERAL_TOKENS.has(token.kind) || isEnumValue) {
    out.literals.push(written);
    out.text += REDACTED;
  } else if (token.kind === TokenKind.COMMENT) {
    out.literals.push(written);
    out.text += '#';
  } else if (token.kind === TokenKind.NAME && HAS_DIGIT_RUN.test(written)) {
    out.literals.push(written);
    out.text += written.replace(DIGIT_RUN, '_');
  } else {
    out.text += written;
  }
}

/** Copies `query` token by token from `sof`, redacting as it goes; returns where reading stopped. */
function redactTokens(
  query: string,
  sof: Token,
  isEnumValue: (token: Token) => boolean,
  out: Redaction,
): number {
  let end = 0;
  for (let token = sof.next; token && token.kind !== TokenKind.EOF; token = token.next) {
    // Between tokens only whitespace, commas and the byte-order mark: nothing to redact.
    out.text += query.slice(end, token.start);
    redactToken(query, token, isEnumValue(token), out);
    end = token.end;
  }
  return end;
}

/**
 * Every request is recorded and most repeat one of a few documents (a client's persisted or
 * generated operations), while redaction parses the text: results are kept per text, as Apollo
 * keeps parsed documents. Bounded in entries and in the size of a text kept, and emptied when
 * full, so varied or huge documents cost what they did without the cache and no more memory.
 */
const RECENT_DOCUMENTS = 1000;
const CACHED_TEXT_LIMIT = 64 * 1024;
const recentDocuments = new Map<string, AuditDocument>();

export function auditDocument(query: string): AuditDocument {
  if (query.length > CACHED_TEXT_LIMIT) return redactDocument(query);
  let document = recentDocuments.get(query);
  if (document === undefined) {
    const redacted = redactDocument(query);
    // Shared between requests from now on: nobody may change what a later record commits to.
    document = Object.freeze({ text: redacted.text, literals: Object.freeze(redacted.literals) });
    if (recentDocuments.size >= RECENT_DOCUMENTS) recentDocuments.clear();
    recentDocuments.set(query, document);
  }
  return document;
}

function redactDocument(query: string): AuditDocument {
  // No quote, digit, comment, argument or default: no literal can be in it (the usual document with variables).
  if (!/["#\d(=]/.test(query)) return { text: query, literals: [] };
  const out: Redaction = { text: '', literals: [] };
  let doc: DocumentNode | null = null;
  try {
    doc = parse(new Source(query));
  } catch {
    doc = null;
  }
  if (doc?.loc) {
    const enums = enumValueTokens(doc);
    const end = redactTokens(query, doc.loc.startToken, (t) => enums.has(t), out);
    out.text += query.slice(end);
    return out;
  }
  const lexer = new Lexer(new Source(query));
  const sof = lexer.token;
  try {
    while (lexer.advance().kind !== TokenKind.EOF);
  } catch {
    // Read up to the token that failed; the rest is redacted by pattern below.
  }
  const guess = valueNameGuesser();
  const end = redactTokens(query, sof, guess, out);
  out.text += query.slice(end).replace(UNREADABLE_REST, (piece) => {
    out.literals.push(piece);
    return piece.startsWith('#') ? '#' : REDACTED;
  });
  return out;
}

/** An operation name as the record keeps it: caller-chosen, so its digit runs are redacted as in the document. */
export function auditName(name: string | null): string | null {
  return name === null ? null : name.replace(DIGIT_RUN, '_');
}

/** The variables as hashed: with the document's literals added when there were any. */
export function hashedVariables(
  variables: Readonly<Record<string, unknown>> | null,
  document: AuditDocument | null,
): Readonly<Record<string, unknown>> | null {
  if (!document || document.literals.length === 0) return variables;
  return { ...(variables ?? {}), [LITERALS_KEY]: document.literals };
}
