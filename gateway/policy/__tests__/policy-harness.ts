/**
 * Runs operations through the policy the way the gateway will: plan, execute the rewritten
 * document (here with graphql-js over an in-memory city instead of subgraphs, recording every
 * field it resolves), apply. `read` is what a subgraph would have been asked for.
 */
import { execute, ExecutionResult, GraphQLError, GraphQLFieldResolver } from 'graphql';
import { createPolicyEngine, PolicyEngine, PolicyEngineOptions } from '../policy-engine';
import type { Grant, GrantSnapshot } from '../grant';
import type { PolicyPlan } from '../policy-plan';
import type { PolicyCaller } from '../field-decision';
import { FIXTURE_OWNERS, fixtureSupergraphSdl } from './fixture-supergraph';

export const NOW = Date.parse('2025-06-01T00:00:00Z');

const LI: Record<string, unknown> = {
  __typename: 'Person',
  idNumber: '320602199203041226',
  name: '李四',
  gender: 'FEMALE',
  displayName: '李四',
  contactPhone: '13912345678',
  birthDate: '1992-03-04',
  strictBirthDate: '1992-03-04',
  phone: '13912345678',
  criminalRecord: null,
  household: null,
  firms: [],
};
export const HOUSEHOLD: Record<string, unknown> = {
  __typename: 'Household',
  number: 'H0001',
  address: '江苏省南通市崇川区和平桥街道人民中路12号3幢401室',
  displayName: '张家',
  contactPhone: '0513-85123456',
};
export const ZHANG_ID = '32060219900101123X';
export const ZHANG: Record<string, unknown> = {
  __typename: 'Person',
  idNumber: ZHANG_ID,
  name: '张三',
  gender: 'MALE',
  displayName: '张三',
  contactPhone: '13800138000',
  birthDate: '1990-01-01',
  strictBirthDate: '1990-01-01',
  phone: '13800138000',
  criminalRecord: '2019 administrative detention',
  household: HOUSEHOLD,
};
const FIRM: Record<string, unknown> = {
  __typename: 'Firm',
  creditCode: '91320602MA1M9XYZ3K',
  name: '南通纺织有限公司',
  registeredCapital: 5000000,
  legalRepresentative: ZHANG,
  site: {
    address: '江苏省南通市通州区金沙街道建设路8号',
    location: { longitude: 120.871234, latitude: 32.014567 },
    cadastralNote: 'parcel 17',
  },
};
ZHANG.firms = [FIRM];
HOUSEHOLD.members = [ZHANG, LI];

const PEOPLE: Record<string, Record<string, unknown>> = {
  [ZHANG.idNumber as string]: ZHANG,
  [LI.idNumber as string]: LI,
};

/** Root fields; a function is called with the field's arguments, like a resolver. */
const CITY: Record<string, unknown> = {
  person: ({ idNumber }: { idNumber: string }) => PEOPLE[idNumber] ?? null,
  people: [ZHANG, LI],
  household: HOUSEHOLD,
  holder: ZHANG,
  search: [ZHANG, HOUSEHOLD, LI],
  firm: FIRM,
};

export const OWNER: PolicyCaller = {
  department: 'public-security',
  application: null,
  purpose: null,
};
export const MARKET: PolicyCaller = {
  department: 'market-regulation',
  application: null,
  purpose: 'LICENSING',
};
export const CIVIL: PolicyCaller = {
  department: 'civil-affairs',
  application: 'relief-roll',
  purpose: 'MINIMUM_LIVING_ALLOWANCE',
};

export function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'g-birth',
    department: 'civil-affairs',
    application: null,
    coordinates: ['Person.birthDate'],
    purposes: ['MINIMUM_LIVING_ALLOWANCE'],
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: null,
    clear: false,
    status: 'ACTIVE',
    ...overrides,
  };
}

/** A snapshot whose version changes with its content, as the sharing subgraph's does. */
export function grantsOf(
  department: string,
  grants: Grant[],
  version = JSON.stringify(grants),
): GrantSnapshot {
  return { status: 'LOADED', department, version, grants };
}

export const NO_GRANTS = (caller: PolicyCaller): GrantSnapshot => grantsOf(caller.department, []);

const engines = new Map<string, PolicyEngine>();

export function fixtureEngine(
  options: Omit<PolicyEngineOptions, 'supergraphSdl'> = {},
): PolicyEngine {
  const key = JSON.stringify(options);
  let engine = engines.get(key);
  if (!engine)
    engines.set(
      key,
      (engine = createPolicyEngine({
        supergraphSdl: fixtureSupergraphSdl(),
        subgraphOwners: FIXTURE_OWNERS,
        ...options,
      })),
    );
  return engine;
}

export interface Run {
  plan: PolicyPlan;
  /** Coordinates the execution resolved: what subgraphs would have received. */
  read: Set<string>;
  data: unknown;
  errors: ReturnType<GraphQLError['toJSON']>[];
  extensions: ExecutionResult['extensions'];
}

export function run(
  query: string,
  caller: PolicyCaller,
  grants: GrantSnapshot = NO_GRANTS(caller),
  {
    variables = {},
    engine = fixtureEngine(),
    operationName = null,
  }: {
    variables?: Record<string, unknown>;
    engine?: PolicyEngine;
    operationName?: string | null;
  } = {},
): Run {
  const plan = engine.plan(query, operationName, caller, grants, { now: NOW });
  const read = new Set<string>();
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _ctx, info) => {
    read.add(`${info.parentType.name}.${info.fieldName}`);
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === 'function' ? value(args) : value;
  };
  const executed = execute({
    schema: engine.schema,
    document: plan.document,
    rootValue: CITY,
    variableValues: variables,
    operationName,
    fieldResolver,
  }) as ExecutionResult;
  if (executed.errors?.length)
    throw new Error(
      `the rewritten operation failed: ${executed.errors.map((e) => e.message).join('; ')}\n${plan.rewrittenQuery}`,
    );
  const result = engine.apply(plan, executed, variables);
  return {
    plan,
    read,
    data: result.data,
    errors: (result.errors ?? []).map((e) => e.toJSON()),
    extensions: result.extensions,
  };
}
