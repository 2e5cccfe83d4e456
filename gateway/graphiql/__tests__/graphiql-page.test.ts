import { buildSchema } from 'graphql';
import { exampleQuery } from '../example-query';
import { graphiqlPage } from '../graphiql-page';

describe('graphiqlPage', () => {
  it('embeds its settings so that no value can close the script element', () => {
    const html = graphiqlPage({
      endpoint: '/graphql',
      defaultQuery: '</script><script>alert(1)</script>',
      defaultHeaders: '{}',
    });
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script>');
  });

  it('loads scripts and styles only from the gateway’s own /graphiql/ path', () => {
    const html = graphiqlPage({
      endpoint: '/graphql',
      defaultQuery: '{ a }',
      defaultHeaders: '{}',
    });
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBe(5);
    expect(urls.every((u) => u.startsWith('/graphiql/'))).toBe(true);
  });
});

describe('exampleQuery', () => {
  it('prefers the query that crosses subgraphs when the schema has it', () => {
    const schema =
      buildSchema(`type Query { legalEntities(first: Int): C people(regionCode: ID!, first: Int): P }
      type C { nodes: [E] } type E { creditCode: ID name: String legalRepresentativeName: String creditStatus: S } type S { rating: String }
      type Person { name: String gender: String idNumber: ID } type P { nodes: [Person] }`);
    expect(exampleQuery(schema)).toContain('legalEntities');
  });

  it('falls back to a query valid against any schema', () => {
    const schema = buildSchema('type Query { hello: String }');
    expect(exampleQuery(schema)).toContain('__schema');
  });
});
