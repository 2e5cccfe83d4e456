/**
 * Persisted documents (固化查询): operations registered by the SHA-256 of their exact text, which
 * an application in PERSISTED_ONLY mode runs by hash and may run nothing else. The subgraph
 * computes the hash itself (a client's hash is never trusted), keeps one operation per document
 * (a document is what one request runs) and registers the same text again idempotently. The
 * gateway resolves hashes through `persistedDocument(sha256:)` as the platform.
 */
import { createHash } from 'node:crypto';
import { Kind, parse, GraphQLError } from 'graphql';
import { Knex } from 'knex';
import { ITEM_CODE_PATTERN } from '../../domain/case-number';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { enforce } from './access-rules';
import type { RegistryChangedListener } from './application-registry';
import type { Clock } from './clock';
import {
  DOCUMENT_MODES,
  DocumentMode,
  mayReadDocument,
  mayRegisterDocumentFor,
  maySetDocumentMode,
} from './persisted-document-rules';
import { notFound, wrongState } from './sharing-input';
import type { ApplicationRow } from './store';

/** One registration of a document for an application. */
export interface PersistedDocumentRow {
  sha256: string;
  application_id: string;
  document: string;
  operation_name: string | null;
  item_code: string | null;
  registered_department: string;
  registered_by: string | null;
  registered_at: string;
}

/** A document with the registrations the caller may see (PersistedDocument in the SDL). */
export interface PersistedDocument {
  sha256: string;
  document: string;
  operationName: string | null;
  registrations: PersistedDocumentRow[];
}

export interface PersistedDocumentInput {
  application: string;
  item?: string | null;
  document: string;
}

/** Well above any real operation (the gateway takes bodies of 256 KiB), well below MEDIUMTEXT. */
export const MAX_DOCUMENT_BYTES = 128 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash argument, lower-cased; anything but 64 hex digits is the caller's mistake. */
export function requireSha256(argument: string, value: string): string {
  const hex = value.toLowerCase();
  if (!SHA256_HEX.test(hex))
    throw badUserInput(argument, 'a SHA-256 is 64 hexadecimal digits', { problem: 'FORMAT' });
  return hex;
}

/**
 * The operation's name, if the text is one executable operation (plus fragments); otherwise
 * BAD_USER_INPUT: text that does not parse, several operations (which would need an
 * operationName the registry cannot pin), or type definitions.
 */
export function checkDocument(text: string): string | null {
  if (text.trim() === '')
    throw badUserInput('document', 'must not be empty', { problem: 'REQUIRED' });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES)
    throw badUserInput('document', `at most ${MAX_DOCUMENT_BYTES} bytes, got ${bytes}`, {
      problem: 'LENGTH',
    });
  let definitions;
  try {
    definitions = parse(text, { noLocation: true, maxTokens: 20_000 }).definitions;
  } catch (err) {
    throw badUserInput(
      'document',
      `does not parse: ${err instanceof GraphQLError ? err.message : String(err)}`,
      { problem: 'SYNTAX' },
    );
  }
  const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (
    definitions.some(
      (d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION,
    )
  )
    throw badUserInput('document', 'holds definitions other than operations and fragments', {
      problem: 'NOT_EXECUTABLE',
    });
  if (operations.length !== 1)
    throw badUserInput(
      'document',
      `holds ${operations.length} operations; exactly one is registered per document`,
      {
        problem: 'OPERATIONS',
      },
    );
  return operations[0].name?.value ?? null;
}

function requireItem(item: string | null | undefined): string | null {
  if (item === null || item === undefined) return null;
  if (!ITEM_CODE_PATTERN.test(item))
    throw badUserInput(
      'item',
      `"${item.slice(0, 40)}" is not an item code (two letters, four digits, e.g. ZF0101)`,
      {
        problem: 'FORMAT',
      },
    );
  return item;
}

export function createPersistedDocuments(
  db: Knex,
  clock: Clock,
  onRegistryChanged: RegistryChangedListener = () => {},
) {
  /** The registrations of one document, each with its application's department. */
  const registrationsOf = async (
    sha256: string,
  ): Promise<(PersistedDocumentRow & { department: string })[]> =>
    db('persisted_documents as p')
      .join('applications as a', 'a.id', 'p.application_id')
      .where('p.sha256', sha256)
      .orderBy('p.application_id')
      .select('p.*', 'a.department');

  const visible = (
    caller: CallerIdentity,
    rows: (PersistedDocumentRow & { department: string })[],
  ) => {
    enforce(mayReadDocument(caller, rows));
    const own = rows.filter((r) => mayReadDocument(caller, [r]) === null);
    return {
      sha256: rows[0].sha256,
      document: rows[0].document,
      operationName: rows[0].operation_name,
      registrations: own.map(({ department: _department, ...row }) => row),
    };
  };

  return {
    async get(caller: CallerIdentity, sha256Arg: string): Promise<PersistedDocument | null> {
      const rows = await registrationsOf(requireSha256('sha256', sha256Arg));
      return rows.length === 0 ? null : visible(caller, rows);
    },

    async register(
      caller: CallerIdentity,
      input: PersistedDocumentInput,
    ): Promise<PersistedDocument> {
      const app: ApplicationRow | undefined = await db('applications')
        .where({ id: input.application })
        .first();
      if (!app) throw notFound('application', input.application);
      enforce(mayRegisterDocumentFor(caller, app));
      if (app.status === 'RETIRED')
        throw wrongState('application', `application ${app.id} is retired`, app.status);
      const item = requireItem(input.item);
      const operationName = checkDocument(input.document);
      const sha256 = sha256Hex(input.document);
      const key = { sha256, application_id: app.id };
      const existing: PersistedDocumentRow | undefined = await db('persisted_documents')
        .where(key)
        .first();
      if (!existing) {
        try {
          await db('persisted_documents').insert({
            ...key,
            document: input.document,
            operation_name: operationName,
            item_code: item,
            registered_department: caller.department,
            registered_by: caller.operator,
            registered_at: clock().toISOString(),
          });
        } catch (err) {
          // A concurrent registration of the same text won the insert: idempotent all the same.
          if (!(await db('persisted_documents').where(key).first())) throw err;
        }
      } else if (existing.item_code !== item) {
        throw badUserInput(
          'item',
          `this document is registered for ${app.id} under item ${existing.item_code ?? '(none)'}`,
          { problem: 'DUPLICATE', sha256 },
        );
      }
      return visible(caller, await registrationsOf(sha256));
    },

    /** The bureau switches an application between ANY and PERSISTED_ONLY; every gateway is told. */
    async setMode(caller: CallerIdentity, id: string, mode: DocumentMode): Promise<ApplicationRow> {
      enforce(maySetDocumentMode(caller));
      if (!DOCUMENT_MODES.includes(mode))
        throw badUserInput('mode', `one of ${DOCUMENT_MODES.join(', ')}`);
      const row: ApplicationRow | undefined = await db('applications').where({ id }).first();
      if (!row) throw notFound('application', id);
      await db('applications')
        .where({ id })
        .update({ document_mode: mode, updated_at: clock().toISOString() });
      try {
        await onRegistryChanged(id);
      } catch {
        // reported by the publisher; the gateways' registry cache lifetime bounds a missed notice
      }
      return db('applications').where({ id }).first();
    },
  };
}

export type PersistedDocuments = ReturnType<typeof createPersistedDocuments>;
