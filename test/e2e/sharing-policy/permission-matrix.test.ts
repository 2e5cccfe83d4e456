/**
 * The permission matrix, through the real gateway (authentication, policy, signing) and real
 * subgraphs: conditional, unconditional and not-shared fields of the population, credit and
 * licences subgraphs, asked by owners, by departments with masked or clear grants (right, wrong
 * and missing purpose), without a grant, with an expired one and with a revoked one, in every
 * request shape (plain, aliases, named fragment, inline fragment on an interface, union,
 * variables with @include/@skip, a join across three subgraphs).
 *
 * Each cell asserts the data (clear, masked or null), one FORBIDDEN_FIELD error per withheld
 * field with its path and reason and nothing else, and that withheld fields never reached a
 * subgraph while served ones did. Expected values come from a dry-run gateway over the same
 * subgraphs, which serves everything in clear; masked ones are those values through the mask.
 */
import { classifySchema, MaskKind } from '../../../domain/catalogue/classification';
import { buildFieldRules } from '../../../contracts/field-rules';
import { maskValue } from '../../../gateway/masking';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import {
  applyAndApprove,
  captureSubgraphRequests,
  insertExpiredGrant,
  pickSubjects,
  revoke,
  sentField,
  Subjects,
} from './sharing-fixtures';

type Level = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';

/** The fields under test as the schema classifies them (checked against the supergraph below). */
const FIELDS: Record<string, { level: Level; mask: MaskKind | null; owner: string }> = {
  'Person.idNumber': { level: 'UNCONDITIONAL', mask: 'ID_NUMBER', owner: 'public-security' },
  'Person.name': { level: 'UNCONDITIONAL', mask: 'NAME', owner: 'public-security' },
  'Person.gender': { level: 'UNCONDITIONAL', mask: null, owner: 'public-security' },
  'Person.birthDate': { level: 'CONDITIONAL', mask: 'DATE', owner: 'public-security' },
  'Person.phone': { level: 'CONDITIONAL', mask: 'PHONE', owner: 'public-security' },
  'Person.ethnicity': { level: 'CONDITIONAL', mask: null, owner: 'public-security' },
  'Person.creditRecords': { level: 'CONDITIONAL', mask: null, owner: 'credit-office' },
  'Person.certificates': { level: 'UNCONDITIONAL', mask: null, owner: 'administrative-approval' },
  'CreditRecord.id': { level: 'UNCONDITIONAL', mask: null, owner: 'credit-office' },
  'CreditRecord.personName': { level: 'CONDITIONAL', mask: 'NAME', owner: 'credit-office' },
  'PenaltyRecord.documentNumber': { level: 'UNCONDITIONAL', mask: null, owner: 'credit-office' },
  'PenaltyRecord.caseHandler': { level: 'NONE', mask: 'FREE_TEXT', owner: 'credit-office' },
  'CreditStatus.rating': { level: 'UNCONDITIONAL', mask: null, owner: 'credit-office' },
  'CreditStatus.riskScore': { level: 'NONE', mask: null, owner: 'credit-office' },
  'Certificate.typeName': { level: 'UNCONDITIONAL', mask: null, owner: 'administrative-approval' },
  'Certificate.holderName': {
    level: 'UNCONDITIONAL',
    mask: 'NAME',
    owner: 'administrative-approval',
  },
  'Certificate.licenceNumber': {
    level: 'CONDITIONAL',
    mask: 'CERTIFICATE_NUMBER',
    owner: 'administrative-approval',
  },
  'Certificate.issuingOfficer': { level: 'NONE', mask: 'NAME', owner: 'administrative-approval' },
  'LegalEntity.creditCode': { level: 'UNCONDITIONAL', mask: null, owner: 'market-regulation' },
};

/** What a grant covers: the conditional fields above, and two masked unconditional ones for clear values. */
const GRANTED_CONDITIONAL = [
  'Person.birthDate',
  'Person.phone',
  'Person.ethnicity',
  'Person.creditRecords',
  // Asked on the interface, a field is decided by the interface and every implementation.
  'CreditRecord.personName',
  'LicensingRecord.personName',
  'PenaltyRecord.personName',
  'ListEntry.personName',
  'Certificate.licenceNumber',
];
const CLEAR_EXTRA = ['Person.name', 'Certificate.holderName'];

type GrantState = 'none' | 'masked' | 'clear' | 'expired' | 'revoked';

interface Caller {
  label: string;
  department: string;
  purpose: string | null;
  grant: GrantState;
  /** The purpose the grant was made for. */
  grantPurpose?: string;
}

const CALLERS: Caller[] = [
  {
    label: 'owner of population data',
    department: 'public-security',
    purpose: null,
    grant: 'none',
  },
  { label: 'owner of credit data', department: 'credit-office', purpose: null, grant: 'none' },
  {
    label: 'owner of licence data',
    department: 'administrative-approval',
    purpose: null,
    grant: 'none',
  },
  {
    label: 'masked grant, right purpose',
    department: 'health',
    purpose: 'HEALTH_SERVICES',
    grant: 'masked',
    grantPurpose: 'HEALTH_SERVICES',
  },
  {
    label: 'clear grant, right purpose',
    department: 'emergency-management',
    purpose: 'EMERGENCY_RESPONSE',
    grant: 'clear',
    grantPurpose: 'EMERGENCY_RESPONSE',
  },
  {
    label: 'grant, wrong purpose',
    department: 'health',
    purpose: 'TAX_ADMINISTRATION',
    grant: 'masked',
    grantPurpose: 'HEALTH_SERVICES',
  },
  {
    label: 'grant, no purpose stated',
    department: 'health',
    purpose: null,
    grant: 'masked',
    grantPurpose: 'HEALTH_SERVICES',
  },
  { label: 'no grant', department: 'education', purpose: 'EDUCATION_ENROLMENT', grant: 'none' },
  {
    label: 'expired grant',
    department: 'finance',
    purpose: 'SOCIAL_INSURANCE',
    grant: 'expired',
    grantPurpose: 'SOCIAL_INSURANCE',
  },
  {
    label: 'revoked grant',
    department: 'tax',
    purpose: 'TAX_ADMINISTRATION',
    grant: 'revoked',
    grantPurpose: 'TAX_ADMINISTRATION',
  },
];

type Outcome =
  | 'clear'
  | 'masked'
  | 'NO_GRANT'
  | 'PURPOSE_REQUIRED'
  | 'PURPOSE_NOT_GRANTED'
  | 'GRANT_EXPIRED'
  | 'NOT_SHARED';

/** 国发〔2016〕51号 as the issue states it, per field and caller: the expectation each cell checks. */
function expected(caller: Caller, coordinate: string): Outcome {
  const field = FIELDS[coordinate];
  if (caller.department === field.owner) return 'clear';
  if (field.level === 'NONE') return 'NOT_SHARED';
  const inForce =
    (caller.grant === 'masked' || caller.grant === 'clear') &&
    caller.purpose === caller.grantPurpose;
  if (field.level === 'UNCONDITIONAL')
    return field.mask && !(inForce && caller.grant === 'clear' && CLEAR_EXTRA.includes(coordinate))
      ? 'masked'
      : 'clear';
  if (caller.grant === 'none' || caller.grant === 'revoked') return 'NO_GRANT';
  if (caller.grant === 'expired') return 'GRANT_EXPIRED';
  if (!caller.purpose) return 'PURPOSE_REQUIRED';
  if (!inForce) return 'PURPOSE_NOT_GRANTED';
  return field.mask && caller.grant === 'masked' ? 'masked' : 'clear';
}

interface Checked {
  /** Response keys; '*' is every element of a list. */
  path: (string | '*')[];
  coordinate: string;
  /** Index of the enclosing checked field: when that one is withheld, this one is not in the response. */
  within?: number;
}

interface Shape {
  name: string;
  query: string;
  variables: (s: Subjects) => Record<string, unknown>;
  fields: Checked[];
  /** Fields skipped by a directive: absent from the response, but a withheld one is still reported (it was asked for). */
  absent?: { path: string[]; coordinate: string }[];
}

const SHAPES: Shape[] = [
  {
    name: 'plain',
    query:
      'query Plain($id: ID!) { person(idNumber: $id) { idNumber name gender birthDate phone ethnicity } }',
    variables: (s) => ({ id: s.personId }),
    fields: ['idNumber', 'name', 'gender', 'birthDate', 'phone', 'ethnicity'].map((f) => ({
      path: ['person', f],
      coordinate: `Person.${f}`,
    })),
  },
  {
    name: 'aliases',
    query:
      'query Aliased($id: ID!, $co: ID!) { who: person(idNumber: $id) { n: name born: birthDate tel: phone } status: creditStatus(creditCode: $co) { grade: rating risk: riskScore } }',
    variables: (s) => ({ id: s.personId, co: s.creditCode }),
    fields: [
      { path: ['who', 'n'], coordinate: 'Person.name' },
      { path: ['who', 'born'], coordinate: 'Person.birthDate' },
      { path: ['who', 'tel'], coordinate: 'Person.phone' },
      { path: ['status', 'grade'], coordinate: 'CreditStatus.rating' },
      { path: ['status', 'risk'], coordinate: 'CreditStatus.riskScore' },
    ],
  },
  {
    name: 'named fragment',
    query:
      'query Fragment($number: ID!) { certificate(number: $number) { ...Cert } } fragment Cert on Certificate { typeName holderName licenceNumber issuingOfficer }',
    variables: (s) => ({ number: s.certificateNumber }),
    fields: ['typeName', 'holderName', 'licenceNumber', 'issuingOfficer'].map((f) => ({
      path: ['certificate', f],
      coordinate: `Certificate.${f}`,
    })),
  },
  {
    name: 'inline fragment on an interface (CreditRecord)',
    query:
      'query Interface($id: ID!) { creditRecord(id: $id) { id personName ... on PenaltyRecord { documentNumber caseHandler } } }',
    variables: (s) => ({ id: s.penaltyId }),
    fields: [
      { path: ['creditRecord', 'id'], coordinate: 'CreditRecord.id' },
      { path: ['creditRecord', 'personName'], coordinate: 'CreditRecord.personName' },
      { path: ['creditRecord', 'documentNumber'], coordinate: 'PenaltyRecord.documentNumber' },
      { path: ['creditRecord', 'caseHandler'], coordinate: 'PenaltyRecord.caseHandler' },
    ],
  },
  {
    name: 'union (CertificateHolder)',
    query:
      'query Union($number: ID!) { certificate(number: $number) { holder { ... on Person { idNumber birthDate } ... on LegalEntity { creditCode } } } }',
    variables: (s) => ({ number: s.certificateNumber }),
    fields: [
      { path: ['certificate', 'holder', 'idNumber'], coordinate: 'Person.idNumber' },
      { path: ['certificate', 'holder', 'birthDate'], coordinate: 'Person.birthDate' },
    ],
  },
  {
    name: 'variables with @include (true)',
    query:
      'query Include($id: ID!, $full: Boolean!) { person(idNumber: $id) { gender birthDate @include(if: $full) phone @skip(if: $full) } }',
    variables: (s) => ({ id: s.personId, full: true }),
    fields: [
      { path: ['person', 'gender'], coordinate: 'Person.gender' },
      { path: ['person', 'birthDate'], coordinate: 'Person.birthDate' },
    ],
    absent: [{ path: ['person', 'phone'], coordinate: 'Person.phone' }],
  },
  {
    name: 'variables with @include (false)',
    query:
      'query Include($id: ID!, $full: Boolean!) { person(idNumber: $id) { gender birthDate @include(if: $full) phone @skip(if: $full) } }',
    variables: (s) => ({ id: s.personId, full: false }),
    fields: [
      { path: ['person', 'gender'], coordinate: 'Person.gender' },
      { path: ['person', 'phone'], coordinate: 'Person.phone' },
    ],
    absent: [{ path: ['person', 'birthDate'], coordinate: 'Person.birthDate' }],
  },
  {
    name: 'join across population, credit and licences',
    query:
      'query Join($id: ID!) { person(idNumber: $id) { name birthDate creditRecords { id personName } certificates { typeName licenceNumber issuingOfficer } } }',
    variables: (s) => ({ id: s.personId }),
    fields: [
      { path: ['person', 'name'], coordinate: 'Person.name' },
      { path: ['person', 'birthDate'], coordinate: 'Person.birthDate' },
      { path: ['person', 'creditRecords'], coordinate: 'Person.creditRecords' },
      { path: ['person', 'creditRecords', '*', 'id'], coordinate: 'CreditRecord.id', within: 2 },
      {
        path: ['person', 'creditRecords', '*', 'personName'],
        coordinate: 'CreditRecord.personName',
        within: 2,
      },
      { path: ['person', 'certificates'], coordinate: 'Person.certificates' },
      {
        path: ['person', 'certificates', '*', 'typeName'],
        coordinate: 'Certificate.typeName',
        within: 5,
      },
      {
        path: ['person', 'certificates', '*', 'licenceNumber'],
        coordinate: 'Certificate.licenceNumber',
        within: 5,
      },
      {
        path: ['person', 'certificates', '*', 'issuingOfficer'],
        coordinate: 'Certificate.issuingOfficer',
        within: 5,
      },
    ],
  },
];

/** Every concrete path of a pattern in `data`, with the value there. */
function expand(
  data: unknown,
  pattern: (string | '*')[],
  prefix: (string | number)[] = [],
): { path: (string | number)[]; value: unknown }[] {
  if (pattern.length === 0) return [{ path: prefix, value: data }];
  const [head, ...rest] = pattern;
  if (head === '*') {
    if (!Array.isArray(data)) throw new Error(`expected a list at ${prefix.join('.')}`);
    return data.flatMap((item, i) => expand(item, rest, [...prefix, i]));
  }
  const value =
    data === null || data === undefined ? undefined : (data as Record<string, unknown>)[head];
  return expand(value, rest, [...prefix, head]);
}

const fieldName = (coordinate: string) => coordinate.split('.')[1];
const isDenial = (o: Outcome) => o !== 'clear' && o !== 'masked';

function matrixSuite(backend: 'sqlite' | 'mysql') {
  let platform: Platform;
  let referenceUrl: string;
  let subjects: Subjects;
  const capture = captureSubgraphRequests();
  const references = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      persons: 1500,
      subgraphs: ['population', 'legal-entity', 'licences', 'credit', 'sharing'],
      hooks: [capture.hook],
    });
    subjects = await pickSubjects(platform);
    // Grants through the real workflow: apply as the consumer, each owner approves its part.
    await applyAndApprove(platform, {
      department: 'health',
      items: GRANTED_CONDITIONAL,
      purposes: ['HEALTH_SERVICES'],
      clear: false,
    });
    await applyAndApprove(platform, {
      department: 'emergency-management',
      items: [...GRANTED_CONDITIONAL, ...CLEAR_EXTRA],
      purposes: ['EMERGENCY_RESPONSE'],
      clear: true,
    });
    const revoked = await applyAndApprove(platform, {
      department: 'tax',
      items: GRANTED_CONDITIONAL,
      purposes: ['TAX_ADMINISTRATION'],
      clear: true,
    });
    for (const grant of revoked) await revoke(platform, grant);
    // The workflow cannot back-date a grant: an expired one is inserted as it would have been stored.
    const byOwner = new Map<string, string[]>();
    for (const c of GRANTED_CONDITIONAL) {
      const owner = FIELDS[c]?.owner ?? 'credit-office';
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), c]);
    }
    let n = 0;
    for (const [grantedBy, coordinates] of byOwner) {
      await insertExpiredGrant(platform.subgraphs.sharing!.db, {
        id: `GR-EXPIRED-${n++}`,
        department: 'finance',
        grantedBy,
        coordinates,
        purposes: ['SOCIAL_INSURANCE'],
        daysAgo: 3,
      });
    }
    // Everything in clear, for the expected values: a dry-run gateway withholds and masks nothing.
    referenceUrl = (await platform.addGateway({ sharingPolicyMode: 'dry-run' })).url;
    // Without Redis a change applies within the in-process TTL (1 s): the applicants' requests
    // above cached their grants as they were before the approvals.
    await new Promise((r) => setTimeout(r, 1100));
    const auth = await platform.headers({ department: 'big-data-bureau' });
    for (const shape of SHAPES) {
      const { body } = await postGraphQL(
        referenceUrl,
        shape.query,
        shape.variables(subjects),
        auth,
      );
      expect(body.errors).toBeUndefined();
      references.set(shape.name, body.data!);
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('tests the fields as the supergraph classifies them, with data in every checked place', () => {
    const classified = new Map(
      classifySchema(platform.supergraphSdl).fields.map((f) => [f.coordinate, f]),
    );
    const owners = buildFieldRules(platform.supergraphSdl);
    for (const [coordinate, field] of Object.entries(FIELDS)) {
      expect([
        coordinate,
        classified.get(coordinate)?.level,
        classified.get(coordinate)?.mask ?? null,
        owners.get(coordinate)?.owners,
      ]).toEqual([coordinate, field.level, field.mask, [field.owner]]);
    }
    // A null reference would make "null where withheld" prove nothing.
    for (const shape of SHAPES) {
      for (const f of shape.fields) {
        const values = expand(references.get(shape.name), f.path);
        expect([
          shape.name,
          f.path.join('.'),
          values.length > 0 && values.every((v) => v.value !== null && v.value !== undefined),
        ]).toEqual([shape.name, f.path.join('.'), true]);
      }
    }
  });

  describe.each(CALLERS)('$label ($department, purpose $purpose)', (caller) => {
    it.each(SHAPES)('$name', async (shape) => {
      capture.reset();
      const headers = await platform.headers({
        department: caller.department,
        ...(caller.purpose ? { purpose: caller.purpose } : {}),
      });
      const { status, body } = await postGraphQL(
        platform.gatewayUrl,
        shape.query,
        shape.variables(subjects),
        headers,
      );
      expect(status).toBe(200);
      const reference = references.get(shape.name)!;
      const outcomes = shape.fields.map((f) => expected(caller, f.coordinate));
      const hasChildren = (i: number) => shape.fields.some((f) => f.within === i);
      const withheldAbove = (i: number): boolean => {
        const parent = shape.fields[i].within;
        return parent !== undefined && (isDenial(outcomes[parent]) || withheldAbove(parent));
      };

      const expectedErrors: { path: (string | number)[]; reason: Outcome }[] = [];
      shape.fields.forEach((f, i) => {
        const outcome = outcomes[i];
        if (withheldAbove(i)) {
          // Not in the response at all; still reported, at its path without list positions.
          if (isDenial(outcome))
            expectedErrors.push({ path: f.path.filter((p) => p !== '*'), reason: outcome });
          return;
        }
        const actual = expand(body.data, f.path);
        const wanted = expand(reference, f.path);
        expect(actual.map((a) => a.path)).toEqual(wanted.map((w) => w.path));
        wanted.forEach((w, j) => {
          const got = actual[j].value;
          const where = `${f.coordinate} at ${w.path.join('.')}`;
          if (outcome === 'clear' && hasChildren(i)) {
            // A list of objects: its elements are checked field by field.
            expect([where, Array.isArray(got) ? got.length : got]).toEqual([
              where,
              (w.value as unknown[]).length,
            ]);
          } else if (outcome === 'clear') expect([where, got]).toEqual([where, w.value]);
          else if (outcome === 'masked') {
            expect([where, got]).toEqual([where, maskValue(FIELDS[f.coordinate].mask!, w.value)]);
            expect(got).not.toEqual(w.value);
          } else {
            expect([where, got]).toEqual([where, null]);
          }
        });
        // One error per withheld field as asked, not per list element: at the first place it is null.
        if (isDenial(outcome)) expectedErrors.push({ path: wanted[0].path, reason: outcome });
      });
      for (const skipped of shape.absent ?? []) {
        expect(expand(body.data, skipped.path)[0].value).toBeUndefined();
        const outcome = expected(caller, skipped.coordinate);
        if (isDenial(outcome)) expectedErrors.push({ path: skipped.path, reason: outcome });
      }

      const errors = (body.errors ?? []).map((e) => ({
        path: e.path,
        reason: e.extensions?.reason,
        code: e.extensions?.code,
      }));
      const sortKey = (e: { path?: unknown }) => JSON.stringify(e.path);
      expect(errors.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
        expectedErrors
          .map((e) => ({ ...e, code: 'FORBIDDEN_FIELD' }))
          .sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      );

      // Withheld fields were removed before planning: no subgraph was asked for them. Served ones were.
      expect(capture.sent.length).toBeGreaterThan(0);
      shape.fields.forEach((f, i) => {
        const asked = sentField(capture, fieldName(f.coordinate));
        const inResponse = !withheldAbove(i) && !isDenial(outcomes[i]);
        expect([f.coordinate, asked]).toEqual([f.coordinate, inResponse]);
      });
    });
  });
}

describe('permission matrix on SQLite', () => matrixSuite('sqlite'));
describeWithService('mysql', 'permission matrix on MariaDB', () => matrixSuite('mysql'));
