/**
 * The operations the default limits must let through: every GraphQL example in README.md (the
 * applicant profile from five subgraphs among them), the benchmark operations, and GraphiQL's
 * introspection query, with the composed supergraph's API schema to measure them against.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { benchOperations } from '../../../scripts/bench/bench-operations';

const ROOT = path.resolve(__dirname, '../../..');

export function apiSchema(): GraphQLSchema {
  const sdl = fs.readFileSync(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8');
  return Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
}

export function readmeOperations(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

export function benchQueries(): string[] {
  const fixtures = {
    applicants: [
      { idNumber: '320602199001011234', enterprises: 1, certificates: 1, creditRecords: 1 },
    ],
    dashboards: [{ regionCode: '320602', level: 'COUNTY' as const, from: '2024', cityParts: 1 }],
    peoplePages: [{ regionCode: '320602', first: 50, after: null }],
  };
  const queries = new Set<string>();
  for (const op of benchOperations(fixtures)) {
    // A persisted document's text is the manifest's (persisted/), not the bench's.
    for (const v of [...op.gateway.variants, ...(op.direct?.variants ?? [])])
      if ('query' in v.body) queries.add(v.body.query);
  }
  return [...queries];
}

export const INTROSPECTION_QUERY = getIntrospectionQuery();
