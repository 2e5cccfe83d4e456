/**
 * Documents whose fragments each spread two others, level after level: a few hundred bytes per
 * level, 2^levels routes to the innermost fragments. Walking them route by route is the attack
 * of issue 7 (16 levels held the gateway's CPU for 1.35 s, 30 for minutes); every walk must
 * instead visit each fragment once per place.
 */
export interface DoublingOptions {
  readonly levels: number;
  /** The fragments' type condition. @default 'Person' */
  readonly type?: string;
  /** The root field the document starts from. @default person(idNumber: "1") */
  readonly root?: string;
  /** The two innermost fragments' selections. @default ['name birthDate', 'gender birthDate'] */
  readonly leaves?: readonly [string, string];
  /** Wraps each level's two spreads, e.g. in a field (`household { members { … } }`). @default none: same place */
  readonly wrap?: (spreads: string) => string;
  /** A directive on the second spread of each level, e.g. `@include(if: $x)`. */
  readonly spreadDirective?: string;
  /** The operation's variable definitions, e.g. `($x: Boolean = true)`. */
  readonly variables?: string;
}

export function doublingDocument(options: DoublingOptions): string {
  const {
    levels,
    type = 'Person',
    root = 'person(idNumber: "1")',
    leaves = ['name birthDate', 'gender birthDate'],
    wrap = (s: string) => s,
  } = options;
  const directive = options.spreadDirective ? ` ${options.spreadDirective}` : '';
  const lines = [
    `query Doubling${options.variables ?? ''} { ${root} { ...A${levels} ...B${levels} } }`,
    `fragment A0 on ${type} { ${leaves[0]} }`,
    `fragment B0 on ${type} { ${leaves[1]} }`,
  ];
  for (let i = 1; i <= levels; i++) {
    const spreads = wrap(`...A${i - 1} ...B${i - 1}${directive}`);
    lines.push(
      `fragment A${i} on ${type} { ${spreads} }`,
      `fragment B${i} on ${type} { ${spreads} }`,
    );
  }
  return lines.join('\n');
}

/** Aliased fields each spreading the next level: the response itself doubles per level (only limits can stop it). */
export function aliasedDoublingDocument(
  levels: number,
  field = 'household { members',
  close = '}',
  root = 'person(idNumber: "1")',
): string {
  const lines = [
    `query AliasedDoubling { ${root} { ...F${levels} } }`,
    'fragment F0 on Person { name }',
  ];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `fragment F${i} on Person { a: ${field} { ...F${i - 1} } ${close} b: ${field} { ...F${i - 1} } ${close} }`,
    );
  return lines.join('\n');
}
