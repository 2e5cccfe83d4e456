/**
 * The applicant-profile operation: one person with what five subgraphs know about them, the
 * request behind an approval counter (不见面审批), and the population subgraph's share of it.
 */
import { maskIdNumber } from '../../gateway/masking/id-number';
import type { ApplicantFixture } from './bench-fixtures';
import type { BenchOperation } from './bench-operations';
import { arr, count, Json, obj } from './response-data';

/** The mean of `values` to one decimal, for the description. */
const average = (values: number[]) =>
  (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1);

const POPULATION_PERSON = `idNumber
    name
    gender
    birthDate
    ethnicity
    phone
    householdRegionCode
    householdAddress
    householdRelation
    household { number regionCode townCode address }`;

/** A credit record's fields, also asked for on every person of a people page. */
export const CREDIT_RECORD = `__typename
      id
      decidedOn
      issuingAuthority
      regionCode
      ... on PenaltyRecord { documentNumber penaltyTypes amount active publicityEndsOn }
      ... on ListEntry { listType listName active removedOn }`;

const APPLICANT_PROFILE = `query ApplicantProfile($idNumber: ID!) {
  person(idNumber: $idNumber) {
    ${POPULATION_PERSON}
    residence { code fullText county { code name } }
    certificates { number type typeName status issuedOn validTo issuer { name } }
    creditRecords {
      ${CREDIT_RECORD}
    }
    enterprises {
      creditCode
      name
      entityType
      status
      establishedOn
      registeredCapital
      creditStatus { rating onRedList onBlackList activePenalties }
      certificates(status: VALID) { number type status validTo }
    }
  }
}`;

const APPLICANT_PROFILE_POPULATION = `query ApplicantProfilePopulation($idNumber: ID!) {
  person(idNumber: $idNumber) {
    ${POPULATION_PERSON}
  }
}`;

const MASKED_DATE = /^\d{4}-\*\*-\*\*$/;

function checkPopulationPerson(
  person: Json | null,
  f: ApplicantFixture,
  masked = false,
): string | null {
  if (!person) return `person ${f.idNumber} is null`;
  const idNumber = masked ? maskIdNumber(f.idNumber) : f.idNumber;
  if (person.idNumber !== idNumber)
    return `person.idNumber is ${String(person.idNumber)}, expected ${idNumber}${masked ? ' (masked)' : ''}`;
  if (masked && !(typeof person.birthDate === 'string' && MASKED_DATE.test(person.birthDate)))
    return `person.birthDate is ${String(person.birthDate)}, expected a masked date (YYYY-**-**)`;
  if (masked && !(typeof person.name === 'string' && person.name.includes('*')))
    return `person.name is ${String(person.name)}, expected a masked name`;
  if (!obj(person.household)) return 'person.household is missing';
  return null;
}

function checkApplicant(data: unknown, f: ApplicantFixture, masked = false): string | null {
  const person = obj(obj(data)?.person);
  const problem = checkPopulationPerson(person, f, masked);
  if (problem || !person) return problem;
  if (!obj(person.residence)) return 'person.residence is missing';
  if (count(person.certificates) !== f.certificates)
    return `${f.idNumber}: expected ${f.certificates} certificates, got ${count(person.certificates)}`;
  if (count(person.creditRecords) !== f.creditRecords)
    return `${f.idNumber}: expected ${f.creditRecords} credit records, got ${count(person.creditRecords)}`;
  const enterprises = arr(person.enterprises);
  if (enterprises?.length !== f.enterprises)
    return `${f.idNumber}: expected ${f.enterprises} enterprises, got ${enterprises?.length ?? 'none'}`;
  if (!enterprises.every((e) => obj(obj(e)?.creditStatus)))
    return 'an enterprise has no creditStatus';
  return null;
}

export function applicantProfile(applicants: ApplicantFixture[]): BenchOperation {
  return {
    name: 'applicant-profile',
    description:
      `\`person(idNumber:)\` of an applicant: population fields and household; residence (spatial); certificates (licences); credit records (credit); enterprises (legal-entity) with each one's credit status (credit) and valid certificates (licences). ` +
      `Rotates over ${applicants.length} applicants, each the legal representative of an enterprise with at least two certificates and a credit record (on average ${average(applicants.map((a) => a.certificates))} certificates, ${average(applicants.map((a) => a.creditRecords))} credit records, ${average(applicants.map((a) => a.enterprises))} enterprises)`,
    gateway: {
      variants: applicants.map((f) => ({
        body: {
          operationName: 'ApplicantProfile',
          query: APPLICANT_PROFILE,
          variables: { idNumber: f.idNumber },
        },
        check: (data, expect) => checkApplicant(data, f, expect?.masked),
      })),
    },
    direct: {
      subgraph: 'population',
      scope:
        'population fields and household only (no residence, certificates, credit records or enterprises)',
      variants: applicants.map((f) => ({
        body: {
          operationName: 'ApplicantProfilePopulation',
          query: APPLICANT_PROFILE_POPULATION,
          variables: { idNumber: f.idNumber },
        },
        check: (data) => checkPopulationPerson(obj(obj(data)?.person), f),
      })),
    },
  };
}
