/** What is wrong with the catalogue file (schema/resource-catalogue.json), and where. */

export type CatalogueProblemCode =
  /** Not the file's shape: a wrong type, an unknown key, a value outside its vocabulary. */
  | 'CATALOGUE_INVALID'
  /** A resource lacks one of the guide's attributes. */
  | 'CATALOGUE_MISSING_ATTRIBUTE'
  /** A resource code that is malformed, or whose front code is not its classification. */
  | 'CATALOGUE_BAD_CODE'
  | 'CATALOGUE_DUPLICATE_CODE'
  /** One 目 or 细目 code named differently by two resources. */
  | 'CATALOGUE_CLASS_NAME_CONFLICT'
  /** A related resource code (关联资源代码) no resource has. */
  | 'CATALOGUE_UNKNOWN_RELATED'
  /** `partOf` naming nothing, or a type that is itself a part. */
  | 'CATALOGUE_BAD_PART_OF'
  /** A classified type of the supergraph the file does not describe. */
  | 'CATALOGUE_MISSING_RESOURCE'
  /** A type or field the file describes that the supergraph does not have. */
  | 'CATALOGUE_UNKNOWN_TYPE'
  | 'CATALOGUE_UNKNOWN_FIELD'
  /** An operation field (Query.x) whose resource cannot be told from its return type. */
  | 'CATALOGUE_OPERATION_RESOURCE'
  /** Personal data (a field with a mask) declared open. */
  | 'CATALOGUE_OPEN_PERSONAL_DATA'
  /** A field not shared (NONE) declared open. */
  | 'CATALOGUE_OPEN_NOT_SHARED'
  /** A conditionally shared field declared unconditionally open. */
  | 'CATALOGUE_OPEN_WIDER_THAN_SHARING'
  /** An open condition missing on CONDITIONAL_OPEN, or given on anything else. */
  | 'CATALOGUE_OPEN_CONDITION';

export interface CatalogueProblem {
  readonly code: CatalogueProblemCode;
  readonly message: string;
  /** JSON pointer into the catalogue file, e.g. /resources/Person/updateCycle. */
  readonly pointer: string;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...segments: readonly string[]): string {
  return segments.map((s) => `/${pointerSegment(s)}`).join('');
}
