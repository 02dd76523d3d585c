import { ProcessingRecord } from "@comensha/domain";
import { Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";

const encoded = Schema.encodeSync(ProcessingRecord.ProcessingRecord)(ProcessingRecord.processingRecord);

/** OpenAPI description of the record of processing route. */
export const processingRecordOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/processing-record",
    operationId: "getProcessingRecord",
    summary: "The record of processing activities (GDPR art. 30) with its legal bases (administrators, auditors)",
    description:
      "For administrators and auditors: the record of processing activities the platform keeps (GDPR art. 30): the " +
      "controller, processing activities, categories of personal data, legal bases, retention, security measures " +
      "and the questions still open for the data protection officer.",
    tags: ["privacy"],
    security: true,
    responses: {
      200: { description: "The record of processing activities.", schema: ProcessingRecord.ProcessingRecord },
      401: { description: "No valid API key or console session.", problem: true },
      403: { description: "Administrators and auditors only.", problem: true },
    },
  },
];

/**
 * `/v1/processing-record`: the record of processing activities, from the domain, for administrators and auditors.
 * It holds no personal data; it is not for everyone because it describes the platform's security measures.
 */
export const processingRecordRoutes = () =>
  new Hono<AppEnv>().get("/", (c) => {
    requireRole(c, "admin", "auditor");
    return c.json(encoded);
  });
