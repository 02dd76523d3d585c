import {
  AgeGroup,
  Attachment,
  CaseStatus,
  type CodeList,
  Country,
  DossierType,
  ExploitationForm,
  FollowUp,
  LegalBasis,
  Nationality,
  NationalityGroup,
  OrganisationKind,
  PoliceRegion,
  Referral,
  Sex,
  ShelterKind,
  TargetGroup,
  Transfer,
  Webhook,
} from "@comensha/domain";
import { Schema } from "effect";
import { Hono } from "hono";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { ProblemError, ProblemType } from "../problem.js";

const codeLists: ReadonlyArray<CodeList.CodeList<string>> = [
  OrganisationKind.codeList,
  ExploitationForm.codeList,
  PoliceRegion.codeList,
  ShelterKind.codeList,
  TargetGroup.codeList,
  Sex.codeList,
  DossierType.codeList,
  LegalBasis.codeList,
  Country.codeList,
  Nationality.codeList,
  AgeGroup.codeList,
  NationalityGroup.codeList,
  Webhook.eventTypeCodeList,
  CaseStatus.codeList,
  CaseStatus.reasonCodeList,
  Referral.serviceCodeList,
  Referral.stateCodeList,
  Referral.declineReasonCodeList,
  Referral.outcomeCodeList,
  Referral.sharingBasisCodeList,
  Attachment.mediaTypeCodeList,
  FollowUp.kindCodeList,
  FollowUp.stateCodeList,
  Transfer.reasonCodeList,
];

/** The ids of the code lists, in the order of {@link codeLists}. */
const CodeListId = Schema.Literals([
  "organisation_kind",
  "exploitation_form",
  "police_region",
  "shelter_kind",
  "target_group",
  "sex",
  "dossier_type",
  "legal_basis",
  "country",
  "nationality",
  "age_group",
  "nationality_group",
  "webhook_event_type",
  "case_status",
  "case_status_reason",
  "referral_service",
  "referral_state",
  "referral_decline_reason",
  "referral_outcome",
  "referral_sharing_basis",
  "attachment_media_type",
  "follow_up_kind",
  "follow_up_state",
  "transfer_reason",
]);

/** A code list on the wire: its id and every code with Dutch and English labels. */
export const CodeListResponse = Schema.Struct({
  id: CodeListId,
  codes: Schema.Array(
    Schema.Struct({ code: Schema.String, labels: Schema.Struct({ nl: Schema.String, en: Schema.String }) }),
  ),
}).annotate({ identifier: "CodeList" });

const toWire = (list: CodeList.CodeList<string>): typeof CodeListResponse.Type => ({
  // A list whose id the schema does not name fails here, when the module loads, not in a partner's client.
  id: Schema.decodeUnknownSync(CodeListId)(list.id),
  codes: list.codes.map((code) => ({ code, labels: { nl: list.label(code, "nl"), en: list.label(code, "en") } })),
});

const all = codeLists.map(toWire);

/** OpenAPI descriptions of the code-list routes. */
export const codeListOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/code-lists",
    operationId: "listCodeLists",
    summary: "Every code list, with Dutch and English labels",
    description:
      "The values of every coded field (organisation kinds, exploitation forms, police regions, shelter kinds, " +
      "target groups, sexes, dossier types, legal bases, countries, nationalities, age and nationality groups), " +
      "each with a Dutch and an English label.",
    tags: ["code lists"],
    security: true,
    responses: {
      200: { description: "All code lists.", schema: Schema.Struct({ data: Schema.Array(CodeListResponse) }) },
      401: { description: "No valid API key or console session.", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/code-lists/:id",
    operationId: "getCodeList",
    summary: "One code list",
    description: "One code list by its id, with the Dutch and English label of each code.",
    tags: ["code lists"],
    security: true,
    responses: {
      200: { description: "The code list.", schema: CodeListResponse },
      401: { description: "No valid API key or console session.", problem: true },
      404: { description: "No such code list.", problem: true },
    },
  },
];

/** `/v1/code-lists`: the code lists partners send and receive. */
export const codeListRoutes = () =>
  new Hono<AppEnv>()
    .get("/", (c) => c.json({ data: all }))
    .get("/:id", (c) => {
      const list = all.find((candidate) => candidate.id === c.req.param("id"));
      if (list === undefined) throw new ProblemError(404, ProblemType.notFound, "No such code list");
      return c.json(list);
    });
