/**
 * Parses a document with a bound on its tokens (graphql-js `maxTokens`), so a long document is
 * refused after reading at most `maxTokens` tokens instead of being built into an AST. When the
 * bound is hit, the tokens are counted by the lexer alone (no AST, linear in the text the body
 * limit already bounds) so the refusal can say how many there were.
 */
import { DocumentNode, GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { Parser } from 'graphql/language/parser';

export type ParsedDocument =
  | { readonly kind: 'parsed'; readonly document: DocumentNode; readonly tokens: number }
  | { readonly kind: 'too-many-tokens'; readonly tokens: number }
  /** Not a document: Apollo refuses it with GRAPHQL_PARSE_FAILED, the limits have nothing to add. */
  | { readonly kind: 'unparsable' };

export function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) n++;
  } catch {
    // A lexical error ends the count; the parser reports it.
  }
  return n;
}

export function parseWithinTokens(text: string, maxTokens: number): ParsedDocument {
  const parser = new Parser(text, { maxTokens, noLocation: true });
  try {
    const document = parser.parseDocument();
    return { kind: 'parsed', document, tokens: parser.tokenCount };
  } catch (err) {
    if (err instanceof GraphQLError && parser.tokenCount > maxTokens)
      return { kind: 'too-many-tokens', tokens: countTokens(text) };
    return { kind: 'unparsable' };
  }
}
