import { GraphQLResolveInfo } from 'graphql';
import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { CreditCodeScalar, DateScalar, IdNumberScalar } from '../kit/scalars';
import { badUserInput } from '../kit/user-input';
import { certificateNumberProblem } from './certificate-number';
import { CertificateStatus, effectiveStatus } from './certificate-status';
import { CERTIFICATE_TYPES, certificateType, CertificateType } from './certificate-types';
import {
  verificationRequest,
  verificationStatus,
  VerifyCertificateArgs,
} from './certificate-verification';
import { LicencesContext } from './context';
import { CERTIFICATE_LISTS, CertificateRow } from './store';

interface HoldingArgs {
  type?: CertificateType | null;
  status?: CertificateStatus | null;
}

function requireCertificateNumber(argument: string, value: string): string {
  const problem = certificateNumberProblem(value);
  if (problem) throw badUserInput(argument, problem.message, { problem: problem.kind });
  return value;
}

/** Newest first; filtered in memory, as a holder has a handful of certificates and EXPIRED is computed. */
function holdings(rows: CertificateRow[], args: HoldingArgs, today: string): CertificateRow[] {
  return rows
    .filter(
      (c) =>
        (!args.type || c.type === args.type) &&
        (!args.status || effectiveStatus(c.recorded_status, c.valid_to, today) === args.status),
    )
    .reverse();
}

export const resolvers: GraphQLResolverMap<LicencesContext> = {
  IdNumber: IdNumberScalar,
  CreditCode: CreditCodeScalar,
  Date: DateScalar,
  Query: {
    certificate: (_: unknown, args: { number: string }, ctx: LicencesContext) =>
      ctx.store.certificate.load(requireCertificateNumber('number', args.number)),
    certificateTypes: () => CERTIFICATE_TYPES,
    // 免证办: a status and the day it holds for, nothing about the holder or the certificate.
    verifyCertificate: async (_: unknown, args: VerifyCertificateArgs, ctx: LicencesContext) => {
      const { number, holder } = verificationRequest(args);
      const certificate = await ctx.store.certificate.load(number);
      return { status: verificationStatus(certificate, holder, ctx.today), checkedOn: ctx.today };
    },
  },
  Certificate: {
    typeCode: (c: CertificateRow) => certificateType(c.type).code,
    typeName: (c: CertificateRow) => certificateType(c.type).name,
    licenceNumber: (c: CertificateRow) => c.licence_number,
    // Stubs: population and legal-entity resolve the holder behind the key.
    holder: (c: CertificateRow) =>
      c.holder_kind === 'PERSON'
        ? { __typename: 'Person', idNumber: c.holder_key }
        : { __typename: 'LegalEntity', creditCode: c.holder_key },
    holderName: (c: CertificateRow) => c.holder_name,
    issuer: (c: CertificateRow) => ({
      name: c.issuer_name,
      creditCode: c.issuer_credit_code,
      regionCode: c.issuer_region_code,
    }),
    issuedOn: (c: CertificateRow) => c.issued_on,
    validFrom: (c: CertificateRow) => c.valid_from,
    validTo: (c: CertificateRow) => c.valid_to,
    status: (c: CertificateRow, _: unknown, ctx: LicencesContext) =>
      effectiveStatus(c.recorded_status, c.valid_to, ctx.today),
    statusChangedOn: (c: CertificateRow) => c.status_changed_on,
    statusReason: (c: CertificateRow) => c.status_reason,
    issuingOfficer: (c: CertificateRow) => c.issuing_officer,
    surface: (c: CertificateRow) => JSON.parse(c.surface),
    __resolveReference: (ref: { number: string }, ctx: LicencesContext) =>
      ctx.store.certificate.load(ref.number),
  },
  CertificateHolder: {
    __resolveType: (holder: { __typename: string }) => holder.__typename,
  },
  Person: {
    certificates: async (
      p: { idNumber: string },
      args: HoldingArgs,
      ctx: LicencesContext,
      info: GraphQLResolveInfo,
    ) =>
      holdings(
        await ctx.store.ofPerson(CERTIFICATE_LISTS.forSelection(info)).load(p.idNumber),
        args,
        ctx.today,
      ),
  },
  LegalEntity: {
    certificates: async (
      e: { creditCode: string },
      args: HoldingArgs,
      ctx: LicencesContext,
      info: GraphQLResolveInfo,
    ) =>
      holdings(
        await ctx.store.ofLegalEntity(CERTIFICATE_LISTS.forSelection(info)).load(e.creditCode),
        args,
        ctx.today,
      ),
  },
};
