import { Writable } from 'node:stream';
import { createGatewayLogger } from '../gateway-logger';
import { levelOfLine, lineLog, splitLine, structuredLoggerOf } from '../line-log';
import { logAccess } from '../access-log';

function memoryLogger(level: 'info' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createGatewayLogger({ level, destination }), lines };
}

describe("the gateway's JSON log lines", () => {
  it('logs each library line at the level its words say, with its component', () => {
    const { logger, lines } = memoryLogger();
    const log = lineLog(logger);
    log('[gateway] serving http://localhost:4000/graphql (GraphiQL on)');
    log('[grants] DEGRADED: Redis at redis://127.0.0.1:6379 is unreachable (ECONNREFUSED)');
    log('[audit] UNAVAILABLE: ENOSPC. Every GraphQL request is refused');
    log('[limits] WARNING: GATEWAY_OPERATION_LIMITS is off');
    log('no prefix at all');
    expect(lines.map((l) => [l.level, l.component, l.msg])).toEqual([
      ['info', 'gateway', '[gateway] serving http://localhost:4000/graphql (GraphiQL on)'],
      [
        'warn',
        'grants',
        '[grants] DEGRADED: Redis at redis://127.0.0.1:6379 is unreachable (ECONNREFUSED)',
      ],
      ['error', 'audit', '[audit] UNAVAILABLE: ENOSPC. Every GraphQL request is refused'],
      ['warn', 'limits', '[limits] WARNING: GATEWAY_OPERATION_LIMITS is off'],
      ['info', undefined, 'no prefix at all'],
    ]);
    for (const line of lines) expect(typeof line.time).toBe('string');
  });

  it('reads failures as errors and degradations as warnings', () => {
    expect(levelOfLine('drain failed: timeout')).toBe('error');
    expect(levelOfLine('SECURITY: ignored a notice')).toBe('error');
    expect(levelOfLine("could not load civil-affairs's grants")).toBe('warn');
    expect(levelOfLine('grants cached in process')).toBe('info');
    expect(levelOfLine('development sign-in is ON: anyone can choose (not for production)')).toBe(
      'warn',
    );
    expect(splitLine('[rate-limits] Redis answers again')).toEqual({
      component: 'rate-limits',
      message: 'Redis answers again',
    });
  });

  it('drops lines below LOG_LEVEL', () => {
    const { logger, lines } = memoryLogger('warn');
    const log = lineLog(logger);
    log('[gateway] serving');
    log('[grants] DEGRADED: Redis away');
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('finds the structured logger behind its own line callbacks only', () => {
    const { logger } = memoryLogger();
    expect(structuredLoggerOf(lineLog(logger))).toBe(logger);
    expect(structuredLoggerOf(() => undefined)).toBeNull();
  });

  it('writes an access line with the request id and only the fields it is given', () => {
    const { logger, lines } = memoryLogger();
    logAccess(logger, {
      requestId: 'r-1',
      method: 'POST',
      status: 200,
      operationType: 'query',
      outcome: 'ok',
      durationMs: 12,
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'graphql request',
        component: 'access',
        requestId: 'r-1',
        status: 200,
        operationType: 'query',
        outcome: 'ok',
        durationMs: 12,
      }),
    ]);
  });
});
