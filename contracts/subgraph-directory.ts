/**
 * The departmental subgraphs that make up the graph, with the department that owns each
 * base database (the owner approves conditional sharing of its data; see DOMAIN.md).
 * Ports are defaults: `<NAME>_PORT` moves a subgraph, and the gateway follows `<NAME>_URL` (e.g. `LEGAL_ENTITY_URL`).
 */
export interface SubgraphService {
  /** kebab-case name: also the SDL file (`schema/<name>.graphql`) and the folder under `subgraphs/`. */
  readonly name: SubgraphName;
  readonly port: number;
  /** Stable department code of the owner. */
  readonly owner: string;
  readonly title: string;
}

export type SubgraphName =
  | 'population'
  | 'legal-entity'
  | 'spatial'
  | 'macro-economy'
  | 'city-parts'
  | 'licences'
  | 'credit'
  | 'sharing'
  | 'audit';

export const SUBGRAPHS: readonly SubgraphService[] = Object.freeze([
  { name: 'population', port: 4001, owner: 'public-security', title: '人口基础库 Population' },
  {
    name: 'legal-entity',
    port: 4002,
    owner: 'market-regulation',
    title: '法人基础库 Legal entities',
  },
  {
    name: 'spatial',
    port: 4003,
    owner: 'natural-resources',
    title: '空间地理基础库 Spatial geography',
  },
  { name: 'macro-economy', port: 4004, owner: 'statistics', title: '宏观经济基础库 Macro-economy' },
  { name: 'city-parts', port: 4005, owner: 'urban-management', title: '城市部件库 City parts' },
  {
    name: 'licences',
    port: 4006,
    owner: 'administrative-approval',
    title: '电子证照库 Electronic licences',
  },
  { name: 'credit', port: 4007, owner: 'credit-office', title: '信用信息库 Credit' },
  {
    name: 'sharing',
    port: 4008,
    owner: 'big-data-bureau',
    title: '共享交换 Sharing applications and grants',
  },
  { name: 'audit', port: 4009, owner: 'big-data-bureau', title: '审计 Audit trail' },
] as const);

export function subgraphByName(name: string): SubgraphService {
  const found = SUBGRAPHS.find((s) => s.name === name);
  if (!found)
    throw new Error(
      `unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`,
    );
  return found;
}
