import { messageOf, referenceOf, type ApiError } from "~/app/_lib/api-errors";
import { Alert } from "./ui/alert";

/** A failed API call as the user should read it: what went wrong, and a reference when it was us. */
export function ApiErrorAlert({ error, className }: { error: ApiError; className?: string }) {
  const reference = referenceOf(error);
  return (
    <Alert tone="error" className={className}>
      <p>{messageOf(error)}</p>
      {reference && (
        <p className="mt-1 text-xs">
          Reference: <code className="font-mono break-all">{reference}</code>
        </p>
      )}
    </Alert>
  );
}
