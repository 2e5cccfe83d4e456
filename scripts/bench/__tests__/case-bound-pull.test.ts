import { maskIdNumber } from '../../../gateway/masking/id-number';
import { withinDataList } from '../../../subgraphs/sharing/approval-items';
import { DEMO_APPROVAL_ITEMS } from '../../../subgraphs/sharing/demo-approval-items';
import { manifestDocuments } from '../../../subgraphs/sharing/persisted-manifest';
import { appliesTo } from '../bench-cells';
import { BENCH_TARGETS } from '../bench-targets';
import { CONSENT_SCOPE, caseBoundPull } from '../case-bound-pull-operation';

const applicants = Array.from({ length: 30 }, (_, i) => ({
  idNumber: `32060219900101${String(1000 + i)}`,
  enterprises: 1,
  certificates: 2,
  creditRecords: 1,
}));
const op = caseBoundPull(applicants);

describe('the case-bound-pull bench operation', () => {
  it('is measured only on the gateway with every request stage on', () => {
    expect(BENCH_TARGETS.filter((t) => appliesTo(op, t)).map((t) => t.name)).toEqual([
      'ours-audited',
    ]);
  });

  it('sends the persisted ApplicantProfile by its hash, never its text, for at most 20 applicants', () => {
    const profile = manifestDocuments().find((d) => d.name === 'ApplicantProfile')!;
    expect(op.gateway.variants).toHaveLength(20);
    for (const v of op.gateway.variants) {
      expect(v.body).not.toHaveProperty('query');
      expect(v.body).toMatchObject({ documentId: `sha256:${profile.sha256}` });
    }
  });

  it('asks for consent only within the data list of item ZF0101', () => {
    const item = DEMO_APPROVAL_ITEMS.find((i) => i.code === 'ZF0101')!;
    for (const entry of CONSENT_SCOPE) expect(withinDataList(item, entry, true)).toBe(true);
  });

  it("accepts the applicant's masked ID number and refuses another person or a withheld field", () => {
    const [first] = op.gateway.variants;
    const person = {
      idNumber: maskIdNumber(applicants[0].idNumber),
      residence: { fullText: '…' },
      certificates: [],
      enterprises: [],
    };
    expect(first.check({ person })).toBeNull();
    expect(
      first.check({ person: { ...person, idNumber: maskIdNumber(applicants[1].idNumber) } }),
    ).toMatch(/expected one ending in/);
    expect(first.check({ person: { ...person, residence: null } })).toMatch(/residence/);
    expect(first.check({ person: null })).toMatch(/is null/);
  });
});
