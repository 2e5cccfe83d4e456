/** 数据主体: a person (by citizen ID number) or a legal entity (by unified social credit code). */
export type SubjectKind = 'person' | 'legal-entity';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['person', 'legal-entity'];
