/**
 * Composes the registered subgraphs' SDL (each with the shared sharing definitions) into one
 * supergraph with Apollo Federation 2 composition. Problems come back with their code, the
 * subgraphs involved and file:line locations, so `npm run compose` can say exactly what to fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ASTNode, GraphQLError, parse, Source } from 'graphql';
import { SHARING_SDL_PATH, subgraphSdlPath, subgraphSdlText } from '../../contracts/schema-files';
import { SUBGRAPH_MODULES } from '../../subgraphs/modules';
import { SUBGRAPHS, SubgraphName, subgraphByName } from '../../contracts/subgraph-directory';
import { classificationProblems, relationClassProblems } from './classification-check';

export interface SubgraphSource {
  name: SubgraphName;
  url: string;
  /** The SDL to compose (tests). @default subgraphSdlText(name): its file plus the sharing directives */
  sdl?: string;
}

export interface CompositionProblem {
  /** Federation's code, e.g. FIELD_TYPE_MISMATCH, or INVALID_GRAPHQL for an SDL that does not parse. */
  code: string;
  message: string;
  /** Subgraphs whose SDL the problem points into. */
  subgraphs: string[];
  /** `schema/<file>.graphql:line:column` for each node involved. */
  locations: string[];
}

export type CompositionOutcome =
  | { ok: true; supergraphSdl: string; hints: CompositionProblem[] }
  | { ok: false; errors: CompositionProblem[] };

/** The URL composed into the committed supergraph: each subgraph's default loopback port. */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${subgraphByName(name).port}/graphql`;
}

/** Subgraphs with a module in SUBGRAPH_MODULES, in SUBGRAPHS order: what the platform serves. */
export function registeredSubgraphNames(): SubgraphName[] {
  return SUBGRAPHS.filter((s) => SUBGRAPH_MODULES[s.name] !== undefined).map((s) => s.name);
}

const ROOT = path.resolve(__dirname, '../..');

function relative(file: string): string {
  return path.relative(ROOT, file);
}

/**
 * The served SDL is the subgraph's file followed by the sharing directives (SHARING_SDL_PATH); a location past the end
 * of the first file is reported against the second, where the reader can find it.
 */
export function sourceLocation(name: string, line: number, column: number): string {
  const own = fs.readFileSync(subgraphSdlPath(name), 'utf8');
  const ownLines = own.split('\n').length;
  if (line <= ownLines) return `${relative(subgraphSdlPath(name))}:${line}:${column}`;
  return `${relative(SHARING_SDL_PATH)}:${line - ownLines}:${column}`;
}

function problemOf(error: GraphQLError, code?: string): CompositionProblem {
  const nodes: readonly ASTNode[] = error.nodes ?? [];
  const subgraphs = new Set<string>();
  const locations: string[] = [];
  for (const node of nodes) {
    const loc = node.loc;
    if (!loc) continue;
    subgraphs.add(loc.source.name);
    locations.push(sourceLocation(loc.source.name, loc.startToken.line, loc.startToken.column));
  }
  return {
    code: code ?? String(error.extensions?.code ?? 'COMPOSITION_ERROR'),
    message: error.message,
    subgraphs: [...subgraphs],
    locations,
  };
}

export function composeSupergraph(sources: readonly SubgraphSource[]): CompositionOutcome {
  const parseErrors: CompositionProblem[] = [];
  const classificationErrors: CompositionProblem[] = [];
  const services = [];
  for (const { name, url, sdl = subgraphSdlText(name) } of sources) {
    try {
      // The Source is named after the subgraph so that error nodes tell which SDL they came from.
      services.push({ name, url, typeDefs: parse(new Source(sdl, name)) });
      // Every field must be enforceable by the sharing policy before it can be served at all.
      for (const p of classificationProblems(name, sdl)) {
        classificationErrors.push({
          code: p.code,
          message: p.message,
          subgraphs: [name],
          locations: p.line === null ? [] : [sourceLocation(name, p.line, p.column ?? 1)],
        });
      }
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      const [at] = err.locations ?? [];
      parseErrors.push({
        code: 'INVALID_GRAPHQL',
        message: err.message,
        subgraphs: [name],
        locations: at ? [sourceLocation(name, at.line, at.column)] : [],
      });
    }
  }
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors };
  // A relation and its inverse may live in different subgraphs: checked over all of them.
  for (const p of relationClassProblems(
    sources.map(({ name, sdl = subgraphSdlText(name) }) => ({ name, sdl })),
  )) {
    classificationErrors.push({
      code: p.code,
      message: p.message,
      subgraphs: [...new Set(p.at.map((a) => a.subgraph))],
      locations: p.at.map((a) => sourceLocation(a.subgraph, a.line, a.column)),
    });
  }
  if (classificationErrors.length > 0) return { ok: false, errors: classificationErrors };
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => problemOf(e)) };
  const hints = result.hints.map((h) => ({
    code: h.definition.code,
    message: h.message,
    subgraphs: [
      ...new Set((h.nodes ?? []).map((n) => n.loc?.source.name).filter((s): s is string => !!s)),
    ],
    locations: (h.nodes ?? []).flatMap((n) =>
      n.loc
        ? [sourceLocation(n.loc.source.name, n.loc.startToken.line, n.loc.startToken.column)]
        : [],
    ),
  }));
  return { ok: true, supergraphSdl: result.supergraphSdl, hints };
}

/** One problem as the lines a terminal shows: code and message, then where. */
export function formatProblem(problem: CompositionProblem): string {
  const where =
    problem.locations.length > 0
      ? problem.locations
      : problem.subgraphs.map((s) => `subgraph ${s}`);
  return [`[${problem.code}] ${problem.message}`, ...where.map((w) => `    at ${w}`)].join('\n');
}
