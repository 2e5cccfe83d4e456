/**
 * Unit tests run beside the scenario suites, which start whole platforms: on a loaded CI machine a
 * unit test that reaches MariaDB, Redis or a subgraph of its own (a few queries, half a second when
 * the machine is idle) has taken longer than jest's 5 s default. 30 s still ends a hung test.
 */
jest.setTimeout(30_000);
