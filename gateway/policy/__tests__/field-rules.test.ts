import { buildFieldRules, registeredSubgraphOwners } from '../../../contracts/field-rules';
import { FIXTURE_OWNERS, fixtureSupergraphSdl } from './fixture-supergraph';

describe('buildFieldRules', () => {
  const rules = buildFieldRules(fixtureSupergraphSdl(), FIXTURE_OWNERS);

  it('reads each coordinate’s level, mask and condition from @sharing, the type’s default included', () => {
    expect(rules.get('Person.birthDate')).toEqual({
      coordinate: 'Person.birthDate',
      level: 'CONDITIONAL',
      condition: 'Age-based eligibility.',
      mask: 'DATE',
      owners: ['public-security'],
    });
    expect(rules.get('Household.members')).toMatchObject({ level: 'CONDITIONAL', mask: null });
  });

  it('gives a field to the department of the subgraph serving it', () => {
    expect(rules.get('Person.firms')?.owners).toEqual(['market-regulation']);
    expect(rules.get('Firm.site')?.owners).toEqual(['natural-resources']);
  });

  it('gives a key field served by several subgraphs to the type’s home subgraph only', () => {
    expect(rules.get('Person.idNumber')?.owners).toEqual(['public-security']);
    expect(rules.get('Firm.creditCode')?.owners).toEqual(['market-regulation']);
  });

  it('classifies interface fields too', () => {
    expect(rules.get('Holder.contactPhone')).toMatchObject({
      level: 'UNCONDITIONAL',
      owners: ['public-security'],
    });
  });

  it('knows the owners registered in contracts/subgraph-directory.ts', () => {
    expect(registeredSubgraphOwners()).toMatchObject({
      population: 'public-security',
      'legal-entity': 'market-regulation',
      credit: 'credit-office',
    });
  });
});
