/** Scenario tests start real services (seeded databases, subgraphs, gateways): give their hooks and tests two minutes. */
jest.setTimeout(120_000);
