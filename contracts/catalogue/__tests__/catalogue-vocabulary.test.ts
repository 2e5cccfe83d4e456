import { EnumTypeDefinitionNode, Kind, parse } from 'graphql';
import {
  FORMAT_CATEGORIES,
  OPEN_ATTRIBUTES,
  SHARING_METHODS,
  UPDATE_CYCLES,
} from '../../../domain/catalogue/catalogue-vocabulary';
import { subgraphSdlText } from '../../schema-files';

const enums = new Map(
  parse(subgraphSdlText('sharing'))
    .definitions.filter((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION)
    .map((d) => [d.name.value, (d.values ?? []).map((v) => v.name.value)]),
);

describe("the catalogue's vocabularies", () => {
  it.each([
    ['OpenAttribute', OPEN_ATTRIBUTES],
    ['SharingMethod', SHARING_METHODS],
    ['UpdateCycle', UPDATE_CYCLES],
    ['ResourceFormatCategory', FORMAT_CATEGORIES],
  ])('serves %s with exactly the values the catalogue file may use', (name, values) => {
    expect(enums.get(name)).toEqual([...values]);
  });
});
