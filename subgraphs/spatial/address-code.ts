/**
 * Standard address codes (标准地址编码) as this database assigns them: the nine-digit code of
 * the town the address is in, then a seven-digit serial. Checking the town part up front turns
 * a mistyped code into BAD_USER_INPUT instead of a silent "no such address".
 */
import { regionByCode } from '../../domain/regions';
import { badUserInput } from '../kit/user-input';

export interface AddressCodeProblem {
  kind: 'FORMAT' | 'UNKNOWN_TOWN';
  message: string;
}

export function addressCodeProblem(code: string): AddressCodeProblem | null {
  if (!/^\d{16}$/.test(code))
    return {
      kind: 'FORMAT',
      message: 'an address code is 16 digits: a nine-digit town code and a seven-digit serial',
    };
  const town = regionByCode(code.slice(0, 9));
  if (!town || town.level !== 'TOWN')
    return {
      kind: 'UNKNOWN_TOWN',
      message: `"${code.slice(0, 9)}" is not the code of a town in Nantong`,
    };
  return null;
}

export function requireAddressCode(argument: string, value: string): string {
  const problem = addressCodeProblem(value);
  if (problem) throw badUserInput(argument, problem.message, { problem: problem.kind });
  return value;
}
