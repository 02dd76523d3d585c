/**
 * The domain's code lists, labels and small pure rules, without Effect: what a browser needs to show and check codes
 * (the console bundles this entry, `@comensha/domain/labels`, instead of the whole domain with its schemas). The
 * modules of `labels/` import nothing but each other (a test holds them to it); the domain's schemas are made from
 * them, so each list is still written once.
 */
export * as ApiKey from "./labels/ApiKey.js";
export * as Attachment from "./labels/Attachment.js";
export * as AuditEvent from "./labels/AuditEvent.js";
export * as CaseStatus from "./labels/CaseStatus.js";
export * as CodeList from "./labels/CodeList.js";
export * as Country from "./labels/Country.js";
export * as DossierType from "./labels/DossierType.js";
export * as ExploitationForm from "./labels/ExploitationForm.js";
export * as FollowUp from "./labels/FollowUp.js";
export * as IsoDate from "./labels/IsoDate.js";
export * as IsoWeek from "./labels/IsoWeek.js";
export * as LegalBasis from "./labels/LegalBasis.js";
export * as Nationality from "./labels/Nationality.js";
export * as OrganisationKind from "./labels/OrganisationKind.js";
export * as PersonMatching from "./labels/PersonMatching.js";
export * as Placement from "./labels/Placement.js";
export * as PlacementRequest from "./labels/PlacementRequest.js";
export * as PoliceRegion from "./labels/PoliceRegion.js";
export * as Referral from "./labels/Referral.js";
export * as Registration from "./labels/Registration.js";
export * as Sector from "./labels/Sector.js";
export * as Sex from "./labels/Sex.js";
export * as ShelterKind from "./labels/ShelterKind.js";
export * as TargetGroup from "./labels/TargetGroup.js";
export * as Transfer from "./labels/Transfer.js";
export * as WebhookEventType from "./labels/WebhookEventType.js";
