export {
  CurrentTransaction,
  Database,
  type DatabaseConfig,
  DatabaseUnavailable,
  DataDirectoryInUse,
  type Executor,
  executor,
  hasEmbeddedData,
  TransactorLive,
} from "./Database.js";
export * as Schema from "./schema.js";
