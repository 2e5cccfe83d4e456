/**
 * shapeResponse against ApolloGateway's own post-processing (`computeResponse`), on the served
 * supergraph, for merged fetch data that is right and data that is wrong in every way a subgraph
 * can get it wrong: the two must give the same data, key order included, and the same errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
// Apollo's post-processing, not exported from the package root: the reference here.
import { computeResponse } from '@apollo/gateway/dist/resultShaping';
import { GraphQLError, parse } from 'graphql';
import { newObject } from '../../response-objects';
import { compileShape } from '../shape-compile';
import { shapeResponse } from '../shape-result';

const sdl = fs.readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
const apiSchema = Supergraph.build(sdl).apiSchema();

const errorsOf = (errors: readonly GraphQLError[]) =>
  errors.map((e) => ({ message: e.message, path: e.path, code: e.extensions.code }));

/** Both shapings of `input` for `query`; fails unless they agree. */
function agree(query: string, input: unknown, variables: Record<string, unknown> = {}) {
  const operation = () => operationFromDocument(apiSchema, parse(query), { validate: false });
  const reference = computeResponse({
    operation: operation(),
    variables,
    input: structuredClone(input) as Record<string, unknown>,
    introspectionHandling: () => {
      throw new Error('no introspection here');
    },
  });
  const ours = shapeResponse(compileShape(operation()), structuredClone(input) as never, variables);
  expect(JSON.stringify(ours.data)).toBe(JSON.stringify(reference.data));
  expect(errorsOf(ours.errors)).toEqual(errorsOf(reference.errors));
  return ours;
}

const PAGE = `query($withPhone: Boolean = false) {
  people(regionCode: "320602") {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      kind: __typename
      idNumber
      phone @include(if: $withPhone)
      gender
      creditRecords {
        __typename
        id
        ... on PenaltyRecord { amount active }
        ... on ListEntry { listName }
      }
    }
  }
}`;

const person = (over: Record<string, unknown> = {}) => ({
  __typename: 'Person',
  idNumber: '320602199001011234',
  phone: '13800000000',
  gender: 'MALE',
  householdKey: 'fetched for a key only',
  creditRecords: [
    { __typename: 'PenaltyRecord', id: 'CF1', amount: 10.5, active: true, extra: 1 },
    { __typename: 'ListEntry', id: 'MD1', listName: 'x', active: false },
  ],
  ...over,
});

const page = (nodes: unknown[], over: Record<string, unknown> = {}) => ({
  people: { totalCount: 2, pageInfo: { hasNextPage: false, endCursor: null }, nodes, ...over },
});

describe('shapeResponse, as ApolloGateway shapes a response', () => {
  it('keeps what was asked, in the order asked, and drops what the plan fetched for keys', () => {
    const { data, errors } = agree(PAGE, page([person(), person({ idNumber: '2' })]));
    expect(errors).toEqual([]);
    expect(Object.keys((data!.people as { nodes: object[] }).nodes[0])).toEqual([
      'kind',
      'idNumber',
      'gender',
      'creditRecords',
    ]);
  });

  it('follows @include by variable and by its default', () => {
    agree(PAGE, page([person()]), { withPhone: true });
    agree(PAGE, page([person()]));
  });

  it('propagates a null in a non-null place to the nearest nullable one, with one error', () => {
    // nodes: [Person!]! and people: PersonConnection (nullable).
    agree(PAGE, page([person(), null]));
    agree(PAGE, page([person({ gender: null })]));
    agree(PAGE, page([person()], { totalCount: null }));
    agree(PAGE, page([person({ creditRecords: [null] })]));
  });

  it('reports values of the wrong type and nulls them', () => {
    agree(PAGE, page([person()], { totalCount: 'many' }));
    agree(PAGE, page([person()], { totalCount: 2.5 }));
    agree(PAGE, page([person({ gender: 'UNKNOWN' })]));
    agree(PAGE, page([person({ idNumber: 12 })]));
    agree(PAGE, page([person({ idNumber: true })]));
    agree(PAGE, page([person()], { pageInfo: { hasNextPage: 'no', endCursor: null } }));
  });

  it('refuses an unknown __typename and falls back on the declared type without one', () => {
    agree(PAGE, page([person({ __typename: 'Nobody' })]));
    agree(
      PAGE,
      page([person({ __typename: undefined, creditRecords: [{ id: 'CF2', amount: 1 }] })]),
    );
  });

  it('completes one object from a field asked twice, and fills __typename under any alias', () => {
    agree(
      `{ person(idNumber: "1") { t: __typename __typename household { number } household { address members: __typename } again: household { number } } }`,
      {
        person: {
          __typename: 'Person',
          household: { __typename: 'Household', number: 'H1', address: 'A' },
        },
      },
    );
    agree(`{ person(idNumber: "1") { __typename name } }`, { person: { name: 'N' } });
  });

  it('answers unions by the runtime type and a non-null root list as a whole', () => {
    const query = `{ certificateTypes { type code name } certificate(number: "1") { holder { __typename ... on Person { name } ... on LegalEntity { creditCode } } } }`;
    const types = [{ type: 'RESIDENCE_PERMIT', code: '1', name: 'n' }];
    agree(query, {
      certificateTypes: types,
      certificate: { holder: { __typename: 'LegalEntity', creditCode: 'C' } },
    });
    agree(query, {
      certificateTypes: types,
      certificate: { holder: { __typename: 'Person', name: 'P' } },
    });
    agree(query, { certificateTypes: null, certificate: null });
    agree(query, {
      certificateTypes: [{ type: 'RESIDENCE_PERMIT', code: null, name: 'n' }],
      certificate: null,
    });
  });

  it("keeps names like constructor or __proto__ as the response's own", () => {
    const { data } = agree(`{ person(idNumber: "1") { constructor: name toString: gender } }`, {
      person: { __typename: 'Person', constructor: 'N', toString: 'FEMALE' },
    });
    expect(Object.keys(data!.person as object)).toEqual(['constructor', 'toString']);
    expect('valueOf' in newObject()).toBe(false);
  });
});
