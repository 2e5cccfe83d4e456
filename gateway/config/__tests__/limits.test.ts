import { readGatewayConfig } from '..';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_OPERATION_LIMITS } from '../../limits/limit-settings';

describe('operation limits in the gateway settings', () => {
  it('are on with the documented defaults when nothing is set', () => {
    const config = readGatewayConfig({});
    expect(config.operationLimits).toEqual(DEFAULT_OPERATION_LIMITS);
    expect(config.maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
  });

  it('take each bound from its variable', () => {
    const config = readGatewayConfig({
      OPERATION_MAX_ALIASES: '5',
      OPERATION_MAX_COST: '1000',
      OPERATION_COST_LIST_SIZE: '30',
      GATEWAY_MAX_BODY_BYTES: '65536',
    });
    expect(config.operationLimits).toMatchObject({
      maxAliases: 5,
      maxCost: 1000,
      defaultListSize: 30,
      maxDepth: DEFAULT_OPERATION_LIMITS.maxDepth,
    });
    expect(config.maxBodyBytes).toBe(65536);
  });

  it('refuse to start on an invalid value, naming the variable', () => {
    expect(() => readGatewayConfig({ OPERATION_MAX_DEPTH: '0' })).toThrow(
      /OPERATION_MAX_DEPTH must be an integer from 1/,
    );
    expect(() => readGatewayConfig({ GATEWAY_MAX_BODY_BYTES: 'lots' })).toThrow(
      /GATEWAY_MAX_BODY_BYTES/,
    );
    expect(() => readGatewayConfig({ GATEWAY_OPERATION_LIMITS: 'maybe' })).toThrow(
      /GATEWAY_OPERATION_LIMITS must be true or false/,
    );
  });

  it('are switched off as a whole only by GATEWAY_OPERATION_LIMITS=off', () => {
    expect(readGatewayConfig({ GATEWAY_OPERATION_LIMITS: 'off' }).operationLimits).toBeNull();
  });
});
