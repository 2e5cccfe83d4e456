/**
 * How the adversarial suite recognises a leak: the real value searched for anywhere a caller can
 * read it — data, errors, extensions, headers — and inside whatever looks encoded (cursors are
 * base64, a value may come back hex or URL-encoded), not only at the field that was asked for.
 * A masked ID number keeps its region and check digits, so a secret counts as leaked only when
 * it appears whole.
 */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: Headers | Readonly<Record<string, string>>;
  /** The body as received (text), or already parsed. */
  readonly body: unknown;
}

const BASE64ISH = /[A-Za-z0-9+/_-]{12,}={0,2}/g;

/** Every string a reader could derive from `text` by one decoding step (base64, base64url, hex, URI). */
function decodings(text: string): string[] {
  const out: string[] = [];
  for (const token of text.match(BASE64ISH) ?? []) {
    for (const encoding of ['base64', 'base64url'] as const) {
      const decoded = Buffer.from(token, encoding).toString('utf8');
      // Mostly printable: a real decoding, not noise from an unrelated token.
      if (decoded.length > 0 && /^[\x20-\x7e\u00a0-\uffff]*$/.test(decoded)) out.push(decoded);
    }
    if (/^[0-9a-f]+$/i.test(token) && token.length % 2 === 0)
      out.push(Buffer.from(token, 'hex').toString('utf8'));
  }
  try {
    const uri = decodeURIComponent(text);
    if (uri !== text) out.push(uri);
  } catch {
    // not URI-encoded
  }
  return out;
}

function headerText(headers: ObservedResponse['headers']): string {
  const pairs: string[] = [];
  if (typeof (headers as Headers).forEach === 'function')
    (headers as Headers).forEach((value, name) => pairs.push(`${name}: ${value}`));
  else for (const [name, value] of Object.entries(headers)) pairs.push(`${name}: ${value}`);
  return pairs.join('\n');
}

/** All the text a caller received, plain and decoded once. */
export function readableText(response: ObservedResponse): string {
  const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const plain = `${headerText(response.headers)}\n${body}`;
  return [plain, ...decodings(plain)].join('\n');
}

/** The secrets that appear, whole, anywhere the caller could read them. */
export function leakedSecrets(response: ObservedResponse, secrets: readonly string[]): string[] {
  const text = readableText(response);
  return secrets.filter((secret) => secret.length > 0 && text.includes(secret));
}
