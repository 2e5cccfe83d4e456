/**
 * Who may register persisted documents, read them and switch an application's document mode.
 * A persisted document is what an application in PERSISTED_ONLY mode may run and nothing else,
 * so registering one widens what that application can do: only the department that runs the
 * application, or the big data bureau that keeps the registry, may. Pure decisions: each
 * returns null when allowed, or the reason it is not.
 */
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { isPlatform } from './access-rules';

/** The two document modes an application can be in (Application.documentMode). */
export const DOCUMENT_MODES = ['ANY', 'PERSISTED_ONLY'] as const;
export type DocumentMode = (typeof DOCUMENT_MODES)[number];

export function mayRegisterDocumentFor(
  caller: CallerIdentity,
  application: { id: string; department: string },
): string | null {
  if (isPlatform(caller) || caller.department === application.department) return null;
  return `only ${application.department}, which runs ${application.id}, or the big data bureau may register documents for it`;
}

/**
 * The gateway (as the platform) resolves documents by hash; the bureau supervises. A department
 * reads a document only through the applications of its own it is registered for.
 */
export function mayReadDocument(
  caller: CallerIdentity,
  registeredFor: readonly { department: string }[],
): string | null {
  if (isPlatform(caller) || registeredFor.some((r) => r.department === caller.department))
    return null;
  return 'only the big data bureau, or a department for its own applications, may read a persisted document';
}

/** The mode is the bureau's decision: a department could otherwise lift its own system's restriction. */
export function maySetDocumentMode(caller: CallerIdentity): string | null {
  if (isPlatform(caller)) return null;
  return "only the big data bureau sets an application's document mode";
}
