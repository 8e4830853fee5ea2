import { DomainError, type FieldIssue } from '@stageflow/domain';
import { plainIssueMessage } from '@stageflow/domain/plain-errors';
import { TRPCError } from '@trpc/server';
import { config, ZodError } from 'zod';

// Every validation message the server sends is a plain sentence (docs/errors.md#validation-messages). Set
// here, the module every way in (tRPC, REST, the portal, the CLI) loads before it parses anything.
config({ localeError: plainIssueMessage });

/** The single mapping from domain errors to transport errors (docs/errors.md#http-and-trpc-mapping). */
export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: error.code, message: error.message, cause: error });
}

/** Field issues for the client: from a domain error or from zod input validation. */
export function fieldIssues(cause: unknown): FieldIssue[] | undefined {
  if (cause instanceof DomainError && cause.issues.length > 0) {
    // The participant's wording of an issue is the portal's (docs/surfaces.md#portal-language), not the staff API's.
    return cause.issues.map(({ path, message }) => ({ path, message }));
  }
  if (cause instanceof ZodError) {
    return cause.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    }));
  }
  return undefined;
}

/**
 * What a caller may see of an error, for tRPC's envelope and the REST body alike: the message (field
 * issues in one line when there are any; never a bug's details) and the field issues.
 */
export function publicError(error: TRPCError): { message: string; issues: FieldIssue[] | undefined } {
  if (error.code === 'INTERNAL_SERVER_ERROR') return { message: 'Something went wrong on our side', issues: undefined };
  const issues = fieldIssues(error.cause);
  return { message: issues ? describeIssues(issues) : error.message, issues };
}

/** "stage_order: Must be at most 999" — the first issues, in one readable line. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
