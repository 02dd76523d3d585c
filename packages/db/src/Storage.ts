import type { Ports } from "@comensha/domain";
import { Layer } from "effect";
import { ApiKeyRepositoryLive } from "./ApiKeyRepository.js";
import { AttachmentRepositoryLive, AttachmentStorePostgresLive } from "./AttachmentRepository.js";
import { AuditLogLive } from "./AuditLog.js";
import { CaseNoteRepositoryLive } from "./CaseNoteRepository.js";
import { CaseStatusRepositoryLive } from "./CaseStatusRepository.js";
import { Database, type DatabaseConfig, TransactorLive } from "./Database.js";
import { DuplicateRepositoryLive } from "./DuplicateRepository.js";
import { ErasureRepositoryLive } from "./ErasureRepository.js";
import { FollowUpRepositoryLive } from "./FollowUpRepository.js";
import { IdempotencyStore } from "./IdempotencyStore.js";
import { IdGeneratorLive } from "./IdGenerator.js";
import { JobQueue } from "./JobQueue.js";
import { KeyFingerprints } from "./KeyCheck.js";
import { LoginThrottleRepositoryLive } from "./LoginThrottleRepository.js";
import { type CryptoKeys, CryptoLive } from "./NodeCrypto.js";
import { OrganisationRepositoryLive } from "./OrganisationRepository.js";
import { PasswordHasherLive } from "./PasswordHasher.js";
import { PersonRepositoryLive } from "./PersonRepository.js";
import { PlacementRepositoryLive } from "./PlacementRepository.js";
import { PlacementRequestRepositoryLive } from "./PlacementRequestRepository.js";
import { ReferralRepositoryLive } from "./ReferralRepository.js";
import { RegistrationRepositoryLive } from "./RegistrationRepository.js";
import { ReleaseRegisterLive } from "./ReleaseRegister.js";
import { ReportRepositoryLive } from "./ReportRepository.js";
import { RetentionRepositoryLive } from "./RetentionRepository.js";
import { SecondFactorRepositoryLive } from "./SecondFactorRepository.js";
import { SessionRepositoryLive } from "./SessionRepository.js";
import { ShelterRepositoryLive } from "./ShelterRepository.js";
import { StatisticsSourceLive } from "./StatisticsSource.js";
import { SubjectExportSourceLive } from "./SubjectExportSource.js";
import { TransferRepositoryLive } from "./TransferRepository.js";
import { UserRepositoryLive } from "./UserRepository.js";
import { WebhookRepositoryLive } from "./WebhookRepository.js";

/** Every repository of the domain plus the Transactor, on an open Database, Crypto and IdGenerator. */
export const RepositoriesLive = Layer.mergeAll(
  ApiKeyRepositoryLive,
  AttachmentRepositoryLive,
  CaseNoteRepositoryLive,
  CaseStatusRepositoryLive,
  DuplicateRepositoryLive,
  ErasureRepositoryLive,
  FollowUpRepositoryLive,
  IdempotencyStore.layer,
  LoginThrottleRepositoryLive,
  OrganisationRepositoryLive,
  PersonRepositoryLive,
  PlacementRepositoryLive,
  PlacementRequestRepositoryLive,
  ReferralRepositoryLive,
  RegistrationRepositoryLive,
  ReleaseRegisterLive,
  ReportRepositoryLive,
  RetentionRepositoryLive,
  SecondFactorRepositoryLive,
  SessionRepositoryLive,
  ShelterRepositoryLive,
  StatisticsSourceLive,
  SubjectExportSourceLive,
  TransferRepositoryLive,
  UserRepositoryLive,
  WebhookRepositoryLive,
  AuditLogLive,
).pipe(Layer.provideMerge(AttachmentStorePostgresLive), Layer.provideMerge(TransactorLive));

/** How to open storage: which database, which keys, and (for reproducible demo data) which id generator. */
export interface StorageOptions {
  readonly database: DatabaseConfig;
  readonly keys: CryptoKeys;
  readonly ids?: Layer.Layer<Ports.IdGenerator>;
  /** How often the job queue looks for dead workers and due schedules, in seconds (10); lower in tests. */
  readonly queueSuperviseIntervalSeconds?: number;
}

/**
 * The whole storage side as one layer: the database (opened for the layer's lifetime), the repositories, the
 * Transactor, Crypto and its keys' fingerprints, the PasswordHasher, the IdGenerator and the job queue (started on first use), all provided to the apps.
 */
export const storageLayer = (options: StorageOptions) =>
  Layer.mergeAll(
    RepositoriesLive,
    JobQueue.layer(
      options.queueSuperviseIntervalSeconds === undefined
        ? {}
        : { superviseIntervalSeconds: options.queueSuperviseIntervalSeconds },
    ),
  ).pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        CryptoLive(options.keys),
        KeyFingerprints.layer(options.keys),
        PasswordHasherLive,
        options.ids ?? IdGeneratorLive,
      ),
    ),
    Layer.provideMerge(Database.layer(options.database)),
  );
