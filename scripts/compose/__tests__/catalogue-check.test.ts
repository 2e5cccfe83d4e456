import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESOURCE_CATALOGUE_PATH } from '../../../contracts/catalogue/catalogue-file';
import { SUPERGRAPH_PATH } from '../../../contracts/schema-files';
import { catalogueCompositionProblems, catalogueFileProblems } from '../catalogue-check';
import { jsonPositions, positionOf } from '../json-positions';

const supergraph = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
const committed = fs.readFileSync(RESOURCE_CATALOGUE_PATH, 'utf8');

describe('the resource catalogue at compose time', () => {
  it('describes the committed supergraph completely (fix schema/resource-catalogue.json if this fails)', () => {
    const problems = catalogueFileProblems(supergraph, committed);
    expect(problems.map((p) => `[${p.code}] ${p.message}`)).toEqual([]);
  });

  it('fails compose for an item without its attributes, with file, line and pointer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-check-'));
    try {
      const json = JSON.parse(committed);
      delete json.resources.Household.updateCycle;
      json.resources.Person.fields = {
        phone: { openAttribute: 'CONDITIONAL_OPEN', openCondition: '经本人同意' },
      };
      json.resources.Mystery = { partOf: 'Person' };
      const file = path.join(dir, 'resource-catalogue.json');
      const text = JSON.stringify(json, null, 2);
      fs.writeFileSync(file, text);
      const problems = catalogueCompositionProblems(supergraph, file);
      expect(problems.map((p) => p.code)).toEqual([
        'CATALOGUE_MISSING_ATTRIBUTE',
        'CATALOGUE_OPEN_PERSONAL_DATA',
        'CATALOGUE_UNKNOWN_TYPE',
      ]);
      expect(problems[0].message).toBe('Household has no "updateCycle" (更新周期)');
      // A missing attribute is located at the object lacking it.
      const householdLine = text.split('\n').findIndex((l) => l.includes('"Household": {')) + 1;
      expect(problems[0].locations).toEqual([
        `${path.relative(path.resolve(__dirname, '../../..'), file)}:${householdLine}:18 (/resources/Household/updateCycle)`,
      ]);
      const phoneLine =
        text.split('\n').findIndex((l) => l.includes('"openAttribute": "CONDITIONAL_OPEN"')) + 1;
      expect(problems[1].locations[0]).toContain(`:${phoneLine}:`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a file that is not JSON, or not there', () => {
    expect(catalogueFileProblems(supergraph, '{"resources": ')[0]).toMatchObject({
      code: 'CATALOGUE_INVALID',
      message: expect.stringMatching(/not JSON/),
    });
    expect(catalogueCompositionProblems(supergraph, '/no/such/catalogue.json')[0].message).toMatch(
      /cannot read the resource catalogue/,
    );
  });
});

describe('jsonPositions', () => {
  it('finds where each value starts, by JSON pointer', () => {
    const text = '{\n  "a": {\n    "b/c": [1, "x"],\n    "d": null\n  }\n}';
    const at = jsonPositions(text);
    expect(at.get('/a')).toEqual({ line: 2, column: 8 });
    expect(at.get('/a/b~1c/1')).toEqual({ line: 3, column: 16 });
    expect(at.get('/a/d')).toEqual({ line: 4, column: 10 });
    expect(positionOf(at, '/a/missing/deeper')).toEqual({ line: 2, column: 8 });
  });
});
