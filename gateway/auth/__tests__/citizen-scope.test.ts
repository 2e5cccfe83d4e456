import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { citizenScope, citizenScopeError, outsideCitizenScope } from '../citizen-scope';

const SUPERGRAPH = fs.readFileSync(
  path.resolve(__dirname, '../../../schema/supergraph.graphql'),
  'utf8',
);

describe("a citizen token's scope", () => {
  const schema = Supergraph.build(SUPERGRAPH).apiSchema().toGraphQLJSSchema();
  const allowed = citizenScope(SUPERGRAPH);
  const outside = (query: string, operationName: string | null = null) =>
    outsideCitizenScope(allowed, schema, parse(query), operationName);

  it('admits "who looked at my data" with what the audit subgraph serves and department names', () => {
    expect(
      outside(`query Mine($id: ID!) {
        whoAccessedMyData(idNumber: $id, first: 10) {
          __typename
          subject { idNumber }
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { recordId } }
          nodes { time department { code name nameEn } departmentCode application { id } purpose fieldsServed fieldsMasked operator outcome }
        }
      }`),
    ).toEqual([]);
  });

  it('admits aliases, named and inline fragments that stay inside it', () => {
    expect(
      outside(`{
        mine: whoAccessedMyData(idNumber: "x") { ...Page ... on PersonalDataAccessConnection { who: nodes { dept: department { n: name } } } }
      }
      fragment Page on PersonalDataAccessConnection { pageInfo { hasNextPage } }`),
    ).toEqual([]);
  });

  it('refuses any other root field, however it is dressed', () => {
    expect(outside('{ person(idNumber: "320602199001011235") { name } }')).toEqual([
      'Person.name',
      'Query.person',
    ]);
    expect(
      outside(
        '{ me: whoAccessedMyData(idNumber: "x") { totalCount } p: person(idNumber: "x") { n: name } }',
      ),
    ).toEqual(['Person.name', 'Query.person']);
    expect(outside('{ accessLog { totalCount } }')).toEqual(['Query.accessLog']);
    expect(outside('{ departments { code } }')).toEqual(['Query.departments']);
  });

  it("refuses other subgraphs' fields reached through the allowed one, in fragments too", () => {
    expect(
      outside(`{ whoAccessedMyData(idNumber: "x") { ...Apps } }
      fragment Apps on PersonalDataAccessConnection { nodes { application { id name } department { subgraphs } } }`),
    ).toEqual(['Application.name', 'Department.subgraphs']);
  });

  it('refuses mutations', () => {
    expect(outside('mutation { revokeGrant(id: "g", reason: "x") { id } }')).toContain(
      'Mutation.revokeGrant',
    );
  });

  it('says FORBIDDEN, 403, with the coordinates', () => {
    expect(citizenScopeError(['Query.person']).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CITIZEN_SCOPE',
      coordinates: ['Query.person'],
      http: { status: 403 },
    });
  });
});
