/**
 * The layer rules bite: an import across a line (subgraphs and gateway into each other,
 * contracts or domain upwards, production code into test utilities, the gateway into
 * composition) fails lint with the rule that forbids it, and an import along the layers passes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LINT_SNIPPETS = path.join(__dirname, 'lint-snippets.mjs');

const RESTRICTED_PATH = 'import-x/no-restricted-paths';
const RESTRICTED_IMPORT = 'no-restricted-imports';

interface Snippet {
  filePath: string;
  code: string;
}
interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** A module at `filePath` that imports `specifier` and uses it, so only import rules can object. */
function importing(filePath: string, specifier: string): Snippet {
  return {
    filePath,
    code: `import * as imported from '${specifier}';\n\nexport const used = imported;\n`,
  };
}

const SNIPPETS = {
  subgraphToGateway: importing('subgraphs/population/x.ts', '../../gateway/config'),
  gatewayToSubgraphs: importing('gateway/x.ts', '../subgraphs/modules'),
  gatewayToComposition: importing('gateway/x.ts', '@apollo/composition'),
  contractsToGateway: importing('contracts/x.ts', '../gateway/config'),
  domainToContracts: importing('domain/x.ts', '../contracts/field-rules'),
  gatewayToContracts: importing('gateway/x.ts', '../contracts/field-rules'),
  codeToTestUtilities: importing('gateway/audit/x.ts', '../../test/utils/services'),
  codeToTestsBeside: importing('gateway/policy/x.ts', './__tests__/fixture-supergraph'),
  gatewayTestToTestUtilities: importing(
    'gateway/audit/__tests__/x.test.ts',
    '../../../test/utils/services',
  ),
  gatewayTestToSubgraphs: importing(
    'gateway/audit/__tests__/x.test.ts',
    '../../../subgraphs/modules',
  ),
  contractsTestToGateway: importing('contracts/__tests__/x.test.ts', '../../gateway/config'),
  gatewayTestToComposition: importing('gateway/policy/__tests__/x.test.ts', '@apollo/composition'),
  libraryToStages: importing('gateway/policy/x.ts', '../stages/request-context'),
  libraryToHttp: importing('gateway/auth/x.ts', 'node:http'),
  libraryToSubgraphs: importing('gateway/audit/x.ts', '../../subgraphs/modules'),
  // domain/demo/world.ts imports values from ./vocabulary: importing it back closes a cycle.
  cycle: importing('domain/demo/vocabulary.ts', './world'),
} satisfies Record<string, Snippet>;

type Case = keyof typeof SNIPPETS;
let messages: Record<Case, LintMessage[]>;

beforeAll(() => {
  const cases = Object.keys(SNIPPETS) as Case[];
  const run = spawnSync(process.execPath, [LINT_SNIPPETS], {
    cwd: ROOT,
    input: JSON.stringify(cases.map((c) => SNIPPETS[c])),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`lint-snippets failed: ${run.stderr || run.error}`);
  const results = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  messages = Object.fromEntries(cases.map((c, i) => [c, results[i].messages])) as typeof messages;
});

const ruleIds = (c: Case) => messages[c].map((m) => m.ruleId);

describe('layer rules as lint', () => {
  it('forbids a subgraph importing the gateway', () => {
    expect(ruleIds('subgraphToGateway')).toEqual([RESTRICTED_PATH]);
    expect(messages.subgraphToGateway[0].message).toMatch(/separate processes/);
  });

  it('forbids the gateway importing a subgraph module', () => {
    expect(ruleIds('gatewayToSubgraphs')).toEqual([RESTRICTED_PATH]);
  });

  it('forbids the gateway importing @apollo/composition', () => {
    expect(ruleIds('gatewayToComposition')).toEqual([RESTRICTED_IMPORT]);
    expect(messages.gatewayToComposition[0].message).toMatch(/npm run compose/);
  });

  it('forbids contracts importing the gateway', () => {
    expect(ruleIds('contractsToGateway')).toEqual([RESTRICTED_PATH]);
    expect(messages.contractsToGateway[0].message).toMatch(/contracts\/ .* imports only domain/);
  });

  it('forbids domain importing contracts', () => {
    expect(ruleIds('domainToContracts')).toEqual([RESTRICTED_PATH]);
    expect(messages.domainToContracts[0].message).toMatch(/domain\/ .* imports nothing of ours/);
  });

  it('lets the gateway import contracts (and the import resolves)', () => {
    expect(messages.gatewayToContracts).toEqual([]);
  });

  it('forbids production code importing test utilities, in test/ or beside the code', () => {
    expect(ruleIds('codeToTestUtilities')).toEqual([RESTRICTED_PATH]);
    expect(messages.codeToTestUtilities[0].message).toMatch(/never imports test utilities/);
    expect(ruleIds('codeToTestsBeside')).toEqual([RESTRICTED_PATH]);
    expect(messages.codeToTestsBeside[0].message).toMatch(/never imports test utilities/);
  });

  it('lets tests beside the code use test utilities and composition, but not cross the line', () => {
    expect(messages.gatewayTestToTestUtilities).toEqual([]);
    expect(messages.gatewayTestToComposition).toEqual([]);
    expect(ruleIds('gatewayTestToSubgraphs')).toEqual([RESTRICTED_PATH]);
    expect(ruleIds('contractsTestToGateway')).toEqual([RESTRICTED_PATH]);
  });

  it('keeps policy/, auth/, masking/ and audit/ libraries that know no HTTP and no stage', () => {
    expect(ruleIds('libraryToStages')).toEqual([RESTRICTED_PATH]);
    expect(messages.libraryToStages[0].message).toMatch(/know no HTTP/);
    expect(ruleIds('libraryToHttp')).toEqual([RESTRICTED_IMPORT]);
    // The gateway's own zones still hold there.
    expect(ruleIds('libraryToSubgraphs')).toEqual([RESTRICTED_PATH]);
  });

  it('forbids import cycles', () => {
    expect(ruleIds('cycle')).toEqual(['import-x/no-cycle']);
  });
});
