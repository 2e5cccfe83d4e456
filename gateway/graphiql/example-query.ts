/**
 * A ready-to-run query for GraphiQL's first visit and for `npm start` to print. Candidates go
 * from most to least telling (crossing subgraphs first); the first one valid against the
 * served schema wins, so the example follows the graph as subgraphs are added.
 */
import { GraphQLSchema, parse, validate } from 'graphql';

const CANDIDATES: readonly string[] = [
  `# Legal entities (法人库) with their credit status resolved from the credit database (信用库):
# one query, two subgraphs, joined by the gateway. (The representative as a person,
# legalRepresentative, is conditional, as Person.enterprises is: it needs a grant.)
query ExampleAcrossSubgraphs {
  legalEntities(first: 3) {
    nodes {
      creditCode
      name
      legalRepresentativeName
      creditStatus {
        rating
      }
    }
  }
}
`,
  `# Residents of Chongchuan district (崇川区) from the population database (人口库).
query ExamplePeople {
  people(regionCode: "320602", first: 3) {
    nodes {
      idNumber
      name
      gender
    }
  }
}
`,
];

const FALLBACK = `# Ask the gateway which types it serves.
query ExampleTypes {
  __schema {
    queryType {
      fields {
        name
        description
      }
    }
  }
}
`;

export function exampleQuery(schema: GraphQLSchema): string {
  return CANDIDATES.find((q) => validate(schema, parse(q)).length === 0) ?? FALLBACK;
}
