/**
 * Hive Gateway's configuration for the `hive-rust` target (bench-targets.ts): the default
 * runtime with its JavaScript query planner replaced by Hive Router's, written in Rust and
 * loaded as a native module (@graphql-hive/router-runtime). Everything else stays at Hive
 * Gateway's defaults, like the `hive` target, so the two differ only in the planner and
 * executor. The CLI loads this file itself (--config-path), transpiling TypeScript.
 */
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

export const gatewayConfig = defineConfig({ unifiedGraphHandler });
