/** A record line written from chainRecord's JSON text reads back as the line encodeLine writes. */
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { chainRecord, emptyChain } from '../../../contracts/audit/record-chain';
import { entry, testKeys } from '../../../test/utils/audit-fixtures';
import { decodeLine, encodeLine, encodeRecordLine } from '../journal-format';

const keys = testKeys();

describe('encodeRecordLine', () => {
  const { record, json } = chainRecord(
    buildRecordBody(entry(3), { instance: 'gw', key: keys.hmac }),
    emptyChain('c'),
  );
  const read = (line: Buffer) => {
    const text = line.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    return decodeLine(text.slice(0, -1));
  };

  it('reads back as the record line encodeLine writes, with and without its document', () => {
    const document = 'query P($id: ID!) { person(idNumber: $id) { name } } # "引号" \\ \u2028';
    expect(read(encodeRecordLine(json, document))).toEqual(
      read(encodeLine({ t: 'record', record, document })),
    );
    expect(read(encodeRecordLine(json))).toEqual(read(encodeLine({ t: 'record', record })));
    expect(read(encodeRecordLine(json))).toEqual({ t: 'record', record });
  });
});
