/**
 * Whose data each quota-bound value of a response is, collected during the audit's one walk over
 * the result (gateway/audit-capture/strip-subject-keys.ts), in the order the walk meets them:
 *
 * - a value on a subject's object (a Person, a LegalEntity), or on an object nested under it
 *   that is no subject itself (a Person's residence), belongs to that nearest subject;
 * - a value on an object outside every subject (a Household fetched by its number) belongs to
 *   the subjects below it in the response (its members): it is their data too (the household's
 *   address is theirs), so they are counted for its grants, and it is withheld if any of them is
 *   refused;
 * - a value that holds subjects (a household's members, a person's enterprises, a granted
 *   listing) also belongs to each of them: that they are there is data about them, served under
 *   the field's grants. It is counted for them and withheld whole if any of them is refused (a
 *   list of non-null entries cannot lose one entry).
 *
 * A subject keeps its unconditional fields wherever it is reached without a bound value (a
 * lookup by its own key). A value outside every subject with no subject below (a household's
 * address asked without its members) names nobody, and no quota counts it.
 */
import type { SubjectRef } from '../audit';
import type { QuotaEntry } from './quota-tree';

export type ResponsePath = readonly (string | number)[];

export interface BoundField {
  readonly path: ResponsePath;
  readonly entry: QuotaEntry;
  /** Whether its value holds subjects of its own (set when the walk leaves it). */
  holdsSubjects: boolean;
  /** The occurrences in its value: [start, end) (set when the walk leaves it). */
  start: number;
  end: number;
}

/**
 * Keeps the path of the object it is on (one copy shared by all the object's bound fields) and its
 * own key: a people page has a thousand bound values, and only a withheld one needs its path.
 */
class FieldOnObject implements BoundField {
  holdsSubjects = false;
  end: number;
  constructor(
    private readonly at: ResponsePath,
    private readonly key: string,
    readonly entry: QuotaEntry,
    readonly start: number,
  ) {
    this.end = start;
  }
  get path(): ResponsePath {
    return [...this.at, this.key];
  }
}

export interface Occurrence {
  readonly subject: SubjectRef;
  /** Grants the subject is counted against in this response. */
  readonly grants: Set<string>;
  readonly fields: BoundField[];
}

export interface OrphanGroup {
  /** The occurrences below the object: [start, end). */
  readonly start: number;
  end: number;
  readonly grants: Set<string>;
  readonly fields: BoundField[];
}

interface Frame {
  readonly owner: Occurrence | null;
  /** Index of the first occurrence below this object. */
  readonly start: number;
  group: OrphanGroup | null;
  /**
   * The grant set last added to the owner's or group's grants from this object: an object's
   * bound fields mostly share one, and adding it again changes nothing.
   */
  added: ReadonlySet<string> | null;
}

export class OccurrenceCollector {
  readonly occurrences: Occurrence[] = [];
  readonly groups: OrphanGroup[] = [];
  private readonly frames: Frame[] = [];
  private readonly open: BoundField[] = [];

  enterObject(subject: SubjectRef | null): void {
    const top = this.frames.length > 0 ? this.frames[this.frames.length - 1] : null;
    if (subject) {
      const occurrence: Occurrence = { subject, grants: new Set(), fields: [] };
      this.occurrences.push(occurrence);
      this.frames.push({
        owner: occurrence,
        start: this.occurrences.length,
        group: null,
        added: null,
      });
    } else {
      this.frames.push({
        owner: top?.owner ?? null,
        start: this.occurrences.length,
        group: null,
        added: null,
      });
    }
  }

  /**
   * A quota-bound field `key` of the current object, which is at `at` (not changed afterwards);
   * call leaveField() after walking its value.
   */
  enterField(entry: QuotaEntry, at: ResponsePath, key: string): void {
    const frame = this.frames[this.frames.length - 1];
    const field = new FieldOnObject(at, key, entry, this.occurrences.length);
    const fresh = frame.added !== entry.grantIds;
    frame.added = entry.grantIds;
    if (frame.owner) {
      frame.owner.fields.push(field);
      if (fresh) for (const id of entry.grantIds) frame.owner.grants.add(id);
    } else {
      frame.group ??= { start: frame.start, end: frame.start, grants: new Set(), fields: [] };
      frame.group.fields.push(field);
      if (fresh) for (const id of entry.grantIds) frame.group.grants.add(id);
    }
    this.open.push(field);
  }

  leaveField(): void {
    const field = this.open.pop()!;
    field.end = this.occurrences.length;
    field.holdsSubjects = field.end > field.start;
    // Bounded by the nesting of bound fields holding subjects, at most the operation's depth.
    for (let i = field.start; i < field.end; i++)
      for (const id of field.entry.grantIds) this.occurrences[i].grants.add(id);
  }

  leaveObject(): void {
    const frame = this.frames.pop()!;
    const group = frame.group;
    if (!group) return;
    group.end = this.occurrences.length;
    if (group.end === group.start) return;
    this.groups.push(group);
    // Bounded by the nesting of subject-less objects with bound fields, which is at most the operation's depth.
    for (let i = group.start; i < group.end; i++)
      for (const id of group.grants) this.occurrences[i].grants.add(id);
  }

  get empty(): boolean {
    return this.occurrences.every((o) => o.grants.size === 0);
  }
}
