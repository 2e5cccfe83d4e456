/**
 * Prints what the sharing policy costs per request on the committed supergraph: a plan() miss
 * (walk, decide, rewrite, print), a hit (hash lookup), and apply() on a typical response.
 * Run: npx tsx gateway/policy/__bench__/plan-bench.ts. Numbers, not assertions (CONVENTIONS.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { collectFieldUsages } from '../field-usage';
import { createPolicyEngine } from '../policy-engine';
import type { GrantSnapshot } from '../grant';
import { timeRounds } from '../../../test/utils/micro-bench';

const supergraphSdl = fs.readFileSync(
  path.resolve(__dirname, '../../../schema/supergraph.graphql'),
  'utf8',
);
const engine = createPolicyEngine({ supergraphSdl, cacheSize: 100_000 });

const PERSON =
  'idNumber name gender birthDate ethnicity ethnicityCode phone householdRegionCode householdAddress householdRelation';
const QUERY = `query Bench($id: ID!, $cc: ID!) {
  a: person(idNumber: $id) { ${PERSON} }
  b: person(idNumber: $id) { ...P household { number regionCode townCode address members { idNumber name } } }
  legalEntity(creditCode: $cc) { creditCode name entityType status registeredCapital paidInCapital legalRepresentative { idNumber name } }
}
fragment P on Person { ${PERSON} }`;

const caller = {
  department: 'civil-affairs',
  application: 'relief-roll',
  operator: null,
  roles: [],
  purpose: 'MINIMUM_LIVING_ALLOWANCE',
};
const grants: GrantSnapshot = {
  status: 'LOADED',
  department: 'civil-affairs',
  version: '1',
  grants: [
    {
      id: 'g1',
      department: 'civil-affairs',
      application: null,
      coordinates: ['Person.birthDate', 'Person.household', 'Household.*'],
      purposes: ['MINIMUM_LIVING_ALLOWANCE'],
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: null,
      clear: false,
      status: 'ACTIVE',
    },
  ],
};

const time = (label: string, n: number, fn: (i: number) => void): void =>
  timeRounds(label, n, fn, { labelWidth: 56, digits: 1 });

const document = parse(QUERY);
const probe = engine.plan(document, 'Bench', caller, grants);
const selections = collectFieldUsages(engine.schema, document, 'Bench').usages.length;
console.log(
  `operation: ${selections} field selections, ${probe.coordinates.requested.length} coordinates; ${probe.denied.length} withheld, ${probe.masked.length} masked`,
);

time('plan() miss, parsed document (walk+decide+rewrite+print)', 1000, (i) =>
  engine.plan(document, 'Bench', caller, grants, { documentKey: `miss-${i}` }),
);
time('plan() miss, query text (adds parse+validate)', 1000, (i) =>
  engine.plan(`${QUERY}\n#${i}`, 'Bench', caller, grants),
);
time('plan() hit, same parsed document', 100_000, () =>
  engine.plan(document, 'Bench', caller, grants),
);
time('plan() hit, query text (sha256 of the text)', 100_000, () =>
  engine.plan(QUERY, 'Bench', caller, grants),
);

const person = {
  idNumber: '32060219900101123X',
  name: '张三',
  gender: 'MALE',
  birthDate: '1990-01-01',
  householdRegionCode: '320602',
  householdRelation: 'HEAD',
};
const result = {
  data: {
    a: person,
    b: {
      ...person,
      household: {
        number: 'H1',
        regionCode: '320602',
        townCode: '320602001',
        address: '江苏省南通市崇川区和平桥街道人民中路12号',
        members: [person, person, person],
      },
    },
    legalEntity: {
      creditCode: '91320602MA1M9XYZ3K',
      name: '南通纺织有限公司',
      entityType: 'LIMITED_COMPANY',
      status: 'ACTIVE',
      registeredCapital: 1e6,
      legalRepresentative: { idNumber: person.idNumber, name: person.name },
    },
  },
};
time('apply() on a ~40-value response', 10_000, () => engine.apply(probe, result, {}));
