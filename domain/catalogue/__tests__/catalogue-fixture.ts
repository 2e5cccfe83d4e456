/** A small schema and a catalogue file that fits it, for the rules' tests to break one thing at a time. */
import { classifySchema } from '../classification';

export const SMALL_SDL = `
type Query {
  person(idNumber: ID!): Person @sharing(level: UNCONDITIONAL)
  people: PersonConnection @sharing(level: CONDITIONAL)
  version: String @sharing(level: UNCONDITIONAL)
}
type Person @sharing(level: UNCONDITIONAL) {
  idNumber: ID! @sharing(level: UNCONDITIONAL, mask: ID_NUMBER)
  gender: String
  birthDate: String @sharing(level: CONDITIONAL, mask: DATE)
  ethnicity: String @sharing(level: CONDITIONAL)
  policeNote: String @sharing(level: NONE)
}
type PersonConnection @sharing(level: CONDITIONAL) {
  nodes: [Person!]
  totalCount: Int
}
type Region @sharing(level: UNCONDITIONAL) {
  code: ID!
  name: String!
}
`;

export const smallFields = () => classifySchema(SMALL_SDL).fields;

/** A fresh copy each call, so a test may change it. */
export function smallCatalogue(): any {
  return {
    resources: {
      Person: {
        name: '人口基本信息',
        code: '101001001/000001',
        summary: '居民的基本信息。',
        classification: {
          class: '1',
          section: '01',
          division: { code: '001', name: '户籍人口' },
          subdivision: { code: '001', name: '人口基本信息' },
        },
        format: { category: 'DATABASE', type: 'MySQL' },
        sharingMethod: 'INTERFACE',
        openAttribute: 'NOT_OPEN',
        updateCycle: 'REAL_TIME',
        publishedOn: '2017-12-29',
        related: ['103001001/000001'],
        fields: { gender: { sharingMethod: 'DATABASE_TABLE' } },
      },
      PersonConnection: { partOf: 'Person' },
      Region: {
        name: '行政区划',
        code: '103001001/000001',
        summary: '行政区划代码和名称。',
        classification: {
          class: '1',
          section: '03',
          division: { code: '001', name: '行政区划' },
          subdivision: { code: '001', name: '行政区划' },
        },
        format: { category: 'DATABASE', type: 'MySQL' },
        sharingMethod: 'DATABASE_TABLE',
        openAttribute: 'UNCONDITIONAL_OPEN',
        updateCycle: 'YEARLY',
        publishedOn: '2017-12-29',
        related: [],
      },
      Query: { fields: { version: { partOf: 'Region' } } },
    },
  };
}
