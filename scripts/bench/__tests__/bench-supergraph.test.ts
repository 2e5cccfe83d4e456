import { supergraphWithPorts } from '../bench-supergraph';

const SDL = `enum join__Graph {
  CREDIT @join__graph(name: "credit", url: "http://127.0.0.1:4007/graphql")
  POPULATION @join__graph(name: "population", url: "http://127.0.0.1:4001/graphql")
}`;

describe('supergraphWithPorts', () => {
  it('points every subgraph at its bench port and changes nothing else', () => {
    const text = supergraphWithPorts(
      SDL,
      new Map([
        ['credit', 5007],
        ['population', 5001],
      ]),
    );
    expect(text).toContain(
      'CREDIT @join__graph(name: "credit", url: "http://127.0.0.1:5007/graphql")',
    );
    expect(text).toContain(
      'POPULATION @join__graph(name: "population", url: "http://127.0.0.1:5001/graphql")',
    );
    expect(text.replace(/:500(1|7)\//g, ':400$1/')).toBe(SDL);
  });

  it('refuses a supergraph that names a subgraph the bench did not start, or misses one it did', () => {
    expect(() => supergraphWithPorts(SDL, new Map([['credit', 5007]]))).toThrow(/population/);
    expect(() =>
      supergraphWithPorts(
        SDL,
        new Map([
          ['credit', 5007],
          ['population', 5001],
          ['spatial', 5003],
        ]),
      ),
    ).toThrow(/spatial/);
  });
});
