import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

/**
 * An answer in tRPC's error envelope for a request refused before tRPC runs (too large, too many
 * calls, too many requests), so tRPC clients show its message. A batch gets this one answer, which
 * tRPC clients give to each of its calls.
 */
export function trpcErrorResponse(code: TRPC_ERROR_CODE_KEY, message: string): Response {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
  return Response.json(
    { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, issues: [] } } },
    { status: httpStatus },
  );
}
