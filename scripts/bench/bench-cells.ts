/**
 * The cells of a bench run: each operation on each target it applies to. A subgraph-direct
 * target only where the operation has a direct part; a gateway target only where the operation
 * does not limit itself to others (BenchOperation.targets). An operation with its own caller
 * (BenchOperation.prepare) sends its headers instead of the target's.
 */
import type { BenchOperation, OperationRequest } from './bench-operations';
import type { BenchPlatform } from './bench-platform';
import type { Measurement } from './bench-summary';
import type { BenchTarget } from './bench-targets';

export interface Cell {
  operation: BenchOperation;
  target: BenchTarget;
  headers: Record<string, string>;
  url: string;
  request: OperationRequest;
  /** The request bodies, serialised once. */
  bodies: string[];
  problem: string | null;
  rounds: Measurement[];
  /** The process whose CPU per request is the cell's "gateway CPU"; null for a direct target. */
  gatewayPid: number | null;
}

const serialise = (request: OperationRequest) =>
  request.variants.map((v) => JSON.stringify(v.body));

/** Whether the operation is measured on the target at all. */
export function appliesTo(operation: BenchOperation, target: BenchTarget): boolean {
  if (target.kind === 'subgraph') return operation.direct !== null;
  return !operation.targets || operation.targets.only.includes(target.name);
}

export function cellsFor(
  operations: BenchOperation[],
  targets: BenchTarget[],
  headers: Map<string, Record<string, string>>,
  operationHeaders: Map<string, Record<string, string>>,
  platform: BenchPlatform,
): Cell[][] {
  return operations.map((operation) =>
    targets
      .filter((target) => appliesTo(operation, target))
      .map((target): Cell => {
        const common = {
          operation,
          target,
          headers: headers.get(target.name) ?? {},
          problem: null,
          rounds: [],
          gatewayPid: target.kind === 'gateway' ? platform.gatewayPid(target.name) : null,
        };
        if (target.kind === 'subgraph') {
          const direct = operation.direct!;
          return {
            ...common,
            url: platform.subgraphUrl(direct.subgraph),
            request: direct,
            bodies: serialise(direct),
          };
        }
        return {
          ...common,
          headers: operationHeaders.get(operation.name) ?? common.headers,
          url: platform.gatewayUrl(target.name),
          request: operation.gateway,
          bodies: serialise(operation.gateway),
        };
      }),
  );
}
