/**
 * What an export must say besides its rows: the fields withheld from the caller (the response's
 * FORBIDDEN_FIELD errors: an empty cell there is no empty value), the fields served masked, and
 * any other error of the response (a subgraph that did not answer). Read from the response the
 * caller was served, as GraphQL would have sent it.
 */

export interface ExportNote {
  readonly kind: 'WITHHELD' | 'MASKED' | 'ERROR';
  /** Response path, list positions included, e.g. `people.nodes.3.phone`; empty when none. */
  readonly path: string;
  readonly coordinate: string;
  /** WITHHELD: the policy's reason; MASKED: the mask; ERROR: the error code. */
  readonly detail: string;
  readonly message: string;
}

interface ResponseError {
  readonly message?: unknown;
  readonly path?: unknown;
  readonly extensions?: Record<string, unknown>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function exportNotes(response: {
  readonly errors?: unknown;
  readonly extensions?: unknown;
}): ExportNote[] {
  const notes: ExportNote[] = [];
  const errors: ResponseError[] = Array.isArray(response.errors) ? response.errors : [];
  for (const e of errors) {
    const code = text(e?.extensions?.code);
    const path = Array.isArray(e?.path) ? e.path.join('.') : '';
    if (code === 'FORBIDDEN_FIELD')
      notes.push({
        kind: 'WITHHELD',
        path,
        coordinate: text(e.extensions?.coordinate),
        detail: text(e.extensions?.reason),
        message: text(e.message),
      });
    else
      notes.push({
        kind: 'ERROR',
        path,
        coordinate: '',
        detail: code,
        message: text(e?.message),
      });
  }
  const policy = (response.extensions as { sharingPolicy?: { masked?: unknown } } | undefined)
    ?.sharingPolicy;
  const masked: { coordinate?: unknown; mask?: unknown }[] = Array.isArray(policy?.masked)
    ? policy.masked
    : [];
  for (const m of masked)
    notes.push({
      kind: 'MASKED',
      path: '',
      coordinate: text(m?.coordinate),
      detail: text(m?.mask),
      message: `served masked (脱敏: ${text(m?.mask)})`,
    });
  return notes;
}
