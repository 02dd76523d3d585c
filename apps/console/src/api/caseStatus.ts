import type Comensha from "@comensha/sdk";
import type { CaseStatusInput, CaseStatusView } from "@comensha/sdk";

export type { CaseStatusInput, CaseStatusView };

/** What the console asks of the API about a person's case status (coordinators). */
export interface CaseStatusApi {
  /** The person's case status with its history; audited. */
  getCaseStatus(personId: string): Promise<CaseStatusView>;
  /** Changes it with a coded reason; answers the status with its history. */
  changeCaseStatus(personId: string, input: CaseStatusInput): Promise<CaseStatusView>;
}

/** The SDK behind {@link CaseStatusApi}. */
export const caseStatusApi = (client: Comensha): CaseStatusApi => ({
  getCaseStatus: (personId) => client.persons.caseStatus(personId),
  changeCaseStatus: (personId, input) => client.persons.changeCaseStatus(personId, input),
});
