/**
 * One-off checks of an enforcing target, not measured: what the measured caller is served (a
 * sample of masked values, for BENCHMARKS.md), and that a caller WITHOUT grants is refused
 * conditional fields (FORBIDDEN_FIELD errors): an enforcing target that served everything
 * would be measured doing less than it claims.
 */
import type { RequestVariant } from './bench-operations';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

async function ask(
  url: string,
  headers: Readonly<Record<string, string>>,
  variant: RequestVariant,
): Promise<{ status: number; answer: Answer }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(variant.body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, answer: (await res.json()) as Answer };
}

/** The values of `person` the masked grant masks, as served to the granted caller. */
export async function maskedSample(
  url: string,
  headers: Readonly<Record<string, string>>,
  variant: RequestVariant,
): Promise<string> {
  const { answer } = await ask(url, headers, variant);
  const person = (answer.data?.person ?? null) as Record<string, unknown> | null;
  if (!person) return 'no person in the answer';
  const household = (person.household ?? null) as Record<string, unknown> | null;
  const fields = {
    idNumber: person.idNumber,
    name: person.name,
    birthDate: person.birthDate,
    phone: person.phone,
    householdAddress: person.householdAddress,
    'household.address': household?.address,
  };
  return Object.entries(fields)
    .map(([k, v]) => `${k} \`${String(v)}\``)
    .join(', ');
}

/** A sentence on what the target withheld from a caller without grants; `ok` false when it withheld nothing. */
export async function withheldWithoutGrant(
  url: string,
  headers: Readonly<Record<string, string>>,
  variant: RequestVariant,
): Promise<{ ok: boolean; text: string }> {
  const { status, answer } = await ask(url, headers, variant);
  const forbidden = (answer.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN_FIELD');
  if (forbidden.length === 0)
    return {
      ok: false,
      text: `HTTP ${status}, no FORBIDDEN_FIELD error (errors: ${(answer.errors ?? []).map((e) => e.extensions?.code ?? e.message).join(', ') || 'none'})`,
    };
  const paths = [
    ...new Set(forbidden.map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.'))),
  ];
  return {
    ok: true,
    text: `HTTP ${status}, ${forbidden.length} FORBIDDEN_FIELD errors, withheld: ${paths.join(', ')}`,
  };
}
