/**
 * A small supergraph for the policy tests: three subgraphs joined by entities, an interface with
 * two implementations whose rules differ, a union, and unconditional, conditional, not-shared
 * and masked fields. Owners: people → public-security, firms → market-regulation,
 * places → natural-resources (FIXTURE_OWNERS).
 */
import fs from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SHARING_SDL_PATH } from '../../../contracts/schema-files';

const LINKS = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@composeDirective"])
  @link(url: "https://specs.shujutong.local/sharing/v1.0", import: ["@sharing"])
  @composeDirective(name: "@sharing")
`;

const PEOPLE = `
type Query {
  person(idNumber: ID!): Person @sharing(level: UNCONDITIONAL)
  people(regionCode: ID!): [Person!]! @sharing(level: CONDITIONAL, condition: "Bulk listing for statutory duties.")
  household(number: ID!): Household @sharing(level: UNCONDITIONAL)
  holder(id: ID!): Holder @sharing(level: UNCONDITIONAL)
  search(text: String!): [SearchHit!]! @sharing(level: UNCONDITIONAL)
}

"Whoever can hold a licence."
interface Holder {
  displayName: String @sharing(level: UNCONDITIONAL)
  contactPhone: String @sharing(level: UNCONDITIONAL)
}

union SearchHit = Person | Household

type Person implements Holder @key(fields: "idNumber") @sharing(level: UNCONDITIONAL) {
  idNumber: ID! @sharing(level: UNCONDITIONAL, mask: ID_NUMBER)
  name: String! @sharing(level: UNCONDITIONAL, mask: NAME)
  gender: String!
  displayName: String @sharing(level: UNCONDITIONAL, mask: NAME)
  contactPhone: String @sharing(level: CONDITIONAL, condition: "To contact an applicant.", mask: PHONE)
  birthDate: String @sharing(level: CONDITIONAL, condition: "Age-based eligibility.", mask: DATE)
  strictBirthDate: String! @sharing(level: CONDITIONAL, condition: "Age-based eligibility.")
  phone: String @sharing(level: CONDITIONAL, condition: "To contact an applicant.", mask: PHONE)
  criminalRecord: String @sharing(level: NONE)
  household: Household @sharing(level: CONDITIONAL, condition: "Household composition.")
}

type Household implements Holder @key(fields: "number") @sharing(level: CONDITIONAL, condition: "Household composition.") {
  number: ID! @sharing(level: UNCONDITIONAL)
  address: String @sharing(level: CONDITIONAL, condition: "Verify residence.", mask: ADDRESS)
  displayName: String @sharing(level: UNCONDITIONAL)
  contactPhone: String @sharing(level: UNCONDITIONAL)
  members: [Person!]!
}
`;

const FIRMS = `
type Query {
  firm(creditCode: ID!): Firm @sharing(level: UNCONDITIONAL)
}

type Firm @key(fields: "creditCode") @sharing(level: UNCONDITIONAL) {
  creditCode: ID!
  name: String!
  registeredCapital: Float @sharing(level: CONDITIONAL, condition: "Credit assessment.")
  legalRepresentative: Person
}

type Person @key(fields: "idNumber") @sharing(level: UNCONDITIONAL) {
  idNumber: ID! @sharing(level: UNCONDITIONAL, mask: ID_NUMBER)
  firms: [Firm!]! @sharing(level: CONDITIONAL, condition: "Positions held in enterprises.")
}
`;

const PLACES = `
type Firm @key(fields: "creditCode") @sharing(level: UNCONDITIONAL) {
  creditCode: ID!
  site: Site
}

type Site @sharing(level: UNCONDITIONAL) {
  address: String! @sharing(level: UNCONDITIONAL, mask: ADDRESS)
  location: GeoPoint @sharing(level: UNCONDITIONAL, mask: COORDINATES)
  cadastralNote: String @sharing(level: NONE)
}

type GeoPoint @sharing(level: UNCONDITIONAL) {
  longitude: Float!
  latitude: Float!
}
`;

export const FIXTURE_OWNERS: Readonly<Record<string, string>> = Object.freeze({
  people: 'public-security',
  firms: 'market-regulation',
  places: 'natural-resources',
});

let composed: string | undefined;

export function fixtureSupergraphSdl(): string {
  if (composed) return composed;
  const sharing = fs.readFileSync(SHARING_SDL_PATH, 'utf8');
  const services = Object.entries({ people: PEOPLE, firms: FIRMS, places: PLACES }).map(
    ([name, sdl]) => ({
      name,
      url: `http://127.0.0.1:1/${name}`,
      typeDefs: parse(`${LINKS}\n${sdl}\n${sharing}`),
    }),
  );
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  composed = result.supergraphSdl;
  return composed;
}
