import {
  AgeGroup,
  type CodeList,
  Country,
  DossierType,
  ExploitationForm,
  LegalBasis,
  Nationality,
  NationalityGroup,
  OrganisationKind,
  PoliceRegion,
  Sex,
  ShelterKind,
  TargetGroup,
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
];

/** A code list on the wire: its id and every code with Dutch and English labels. */
export const CodeListResponse = Schema.Struct({
  id: Schema.String,
  codes: Schema.Array(
    Schema.Struct({ code: Schema.String, labels: Schema.Struct({ nl: Schema.String, en: Schema.String }) }),
  ),
}).annotate({ identifier: "CodeList" });

const toWire = (list: CodeList.CodeList<string>): typeof CodeListResponse.Type => ({
  id: list.id,
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
    tags: ["code lists"],
    security: true,
    responses: {
      200: { description: "All code lists.", schema: Schema.Struct({ data: Schema.Array(CodeListResponse) }) },
    },
  },
  {
    method: "get",
    path: "/v1/code-lists/:id",
    operationId: "getCodeList",
    summary: "One code list",
    tags: ["code lists"],
    security: true,
    responses: {
      200: { description: "The code list.", schema: CodeListResponse },
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
