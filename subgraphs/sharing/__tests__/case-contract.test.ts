import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, validate } from 'graphql';
import { CASE_FOR_GATEWAY_QUERY } from '../../../contracts/cases/approval-case';
import { GRANTS_FOR_QUERY } from '../../../contracts/grants/grant-snapshot';
import { loadSubgraphSdl } from '../../../contracts/schema-files';

describe("the gateway's questions to the sharing subgraph", () => {
  const schema = buildSubgraphSchema({ typeDefs: loadSubgraphSdl('sharing') });

  it('answers CASE_FOR_GATEWAY_QUERY, the case the gateway binds a request to', () => {
    expect(validate(schema, parse(CASE_FOR_GATEWAY_QUERY))).toEqual([]);
  });

  it("answers GRANTS_FOR_QUERY with each grant's approval item", () => {
    expect(validate(schema, parse(GRANTS_FOR_QUERY))).toEqual([]);
    expect(GRANTS_FOR_QUERY).toMatch(/item \{ code \}/);
  });
});
