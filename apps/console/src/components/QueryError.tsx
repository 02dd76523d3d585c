import { ErrorMessage } from "./ErrorMessage.js";

/** A failed read in an alert: the error in words, and a retry that reads again. */
export const QueryError = (props: { readonly query: { readonly error: unknown; readonly refetch: () => unknown } }) => (
  <div role="alert">
    <ErrorMessage error={props.query.error} onRetry={() => void props.query.refetch()} />
  </div>
);
