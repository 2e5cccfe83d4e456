import { availabilityVariable, probeService, SERVICE_LABELS, ServiceName } from './service-probe';

export default async function globalSetup(): Promise<void> {
  const required = process.env.REQUIRE_SERVICES === '1';
  const missing: string[] = [];
  for (const name of Object.keys(SERVICE_LABELS) as ServiceName[]) {
    const reason = await probeService(name);
    // Workers inherit the environment: they read the reason to skip their suites.
    if (reason) process.env[availabilityVariable(name)] = reason;
    else delete process.env[availabilityVariable(name)];
    if (reason) missing.push(`${SERVICE_LABELS[name]}: ${reason}`);
  }
  if (required && missing.length > 0) {
    throw new Error(`REQUIRE_SERVICES=1 but services are missing:\n  ${missing.join('\n  ')}`);
  }
}
