export { ApiKeyRepositoryLive } from "./ApiKeyRepository.js";
export {
  AttachmentRepositoryLive,
  AttachmentStorePostgresLive,
  attachmentChunkBytes,
  attachmentChunkContext,
  attachmentNameContext,
} from "./AttachmentRepository.js";
export { AuditLogLive } from "./AuditLog.js";
export { CaseNoteRepositoryLive, caseNoteContext } from "./CaseNoteRepository.js";
export { CaseStatusRepositoryLive } from "./CaseStatusRepository.js";
export { decodeCursor, encodeCursor } from "./Cursor.js";
export {
  CurrentTransaction,
  connectionFailureCode,
  Database,
  type DatabaseConfig,
  DatabaseUnavailable,
  DataDirectoryInUse,
  type Executor,
  executorOf,
  hasEmbeddedData,
  MigrationStatus,
  migrationLockKey,
  queryWith,
  rowsOf,
  TransactorLive,
} from "./Database.js";
export {
  type ApplicationRole,
  ApplicationRoleError,
  applicationRoleGrants,
  createApplicationRole,
  createRoleStatement,
  grantApplicationRole,
  jobQueueSchema,
} from "./DatabaseRoles.js";
export {
  type DemoData,
  type DemoDataOptions,
  type DemoOrganisation,
  type DemoPerson,
  type DemoPlace,
  type DemoRegistration,
  type DemoShelter,
  type DemoVolumeOptions,
  type DemoVolumePerson,
  demoPersonsIn,
  demoVolumePerYear,
  generateDemoData,
  streamDemoVolume,
} from "./DemoData.js";
export { DuplicateRepositoryLive } from "./DuplicateRepository.js";
export { type EncryptedColumn, encryptedColumn, encryptedColumns } from "./EncryptedColumns.js";
export { ErasureRepositoryLive, erasureReasonContext, erasureRejectionContext } from "./ErasureRepository.js";
export { describeError, type ErrorDescription } from "./ErrorDescription.js";
export { FollowUpRepositoryLive, followUpTitleContext } from "./FollowUpRepository.js";
export {
  type IdempotencyBegin,
  IdempotencyStore,
  type IdempotencyTaken,
  idempotencyRetentionHours,
  type StoredResponse,
} from "./IdempotencyStore.js";
export { IdGeneratorLive, seededIdGenerator } from "./IdGenerator.js";
export { JobQueue, type QueueDefinition, type ScheduleDefinition } from "./JobQueue.js";
export {
  fingerprintOf,
  type KeyFingerprint,
  KeyFingerprints,
  KeyMismatch,
  type KeyPurpose,
  keyVariables,
  verifyKeys,
} from "./KeyCheck.js";
export { type KeySource, loadKeys } from "./KeyMaterial.js";
export {
  type ColumnRotation,
  ciphertextHeaders,
  defaultRotationBatchSize,
  type KeyStatus,
  type KeyUsage,
  keyStatus,
  type RotationSummary,
  rotateKeys,
} from "./KeyRotation.js";
export { sealLegacyPlaintext } from "./LegacyPlaintext.js";
export { LoginThrottleRepositoryLive } from "./LoginThrottleRepository.js";
export {
  blindIndexBytes,
  type CryptoKeys,
  CryptoLive,
  ciphertextHeaderHex,
  decodeKey,
  generateKey,
} from "./NodeCrypto.js";
export { OrganisationRepositoryLive } from "./OrganisationRepository.js";
export { argon2Options, PasswordHasherLive } from "./PasswordHasher.js";
export { PersonRepositoryLive } from "./PersonRepository.js";
export { PlacementRepositoryLive } from "./PlacementRepository.js";
export { PlacementRequestRepositoryLive } from "./PlacementRequestRepository.js";
export { ReferralRepositoryLive } from "./ReferralRepository.js";
export { RegistrationRepositoryLive } from "./RegistrationRepository.js";
export { ReleaseRegisterLive } from "./ReleaseRegister.js";
export { ReportRepositoryLive } from "./ReportRepository.js";
export { RetentionRepositoryLive } from "./RetentionRepository.js";
export { SecondFactorRepositoryLive, totpSecretContext } from "./SecondFactorRepository.js";
export { DatabaseNotEmpty, isEmpty, type SeedSummary, writeDemoData } from "./Seed.js";
export { SessionRepositoryLive } from "./SessionRepository.js";
export { ShelterRepositoryLive } from "./ShelterRepository.js";
export { StatisticsSourceLive } from "./StatisticsSource.js";
export { RepositoriesLive, type StorageOptions, storageLayer } from "./Storage.js";
export { SubjectExportSourceLive } from "./SubjectExportSource.js";
export * as Schema from "./schema.js";
export { TransferRepositoryLive } from "./TransferRepository.js";
export { UserRepositoryLive } from "./UserRepository.js";
export {
  DatabaseHasRegistrations,
  type VolumeSeedOptions,
  type VolumeSeedProgress,
  type VolumeSeedSummary,
  writeVolumeData,
} from "./VolumeSeed.js";
export { WebhookRepositoryLive, webhookCreatedAnswerContext, webhookSecretContext } from "./WebhookRepository.js";
