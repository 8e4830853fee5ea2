import { InterviewerUnavailableError } from './failures.ts';
import type { InterviewerModel, ModelEndpoint } from './model.ts';

/**
 * A model that answers from recorded structured answers instead of calling a server: demo data
 * replays what a model answered (seed/demo-interviews.ts), so a newcomer sees an evidence-backed
 * scorecard without any model; tests use it where the HTTP round trip is not what they test. Each
 * `structured` call takes the next answer, checked against the schema asked for exactly as a real
 * answer is. It holds no conversation: `streamTurn` is unavailable.
 */
export function recordedModel(endpoint: ModelEndpoint, answers: readonly unknown[]): InterviewerModel {
  const queue = [...answers];
  const unavailable = (detail: string) => new InterviewerUnavailableError('bad_response', detail);
  return {
    endpoint,
    // biome-ignore lint/correctness/useYield: a recording holds no conversation to stream
    async *streamTurn() {
      throw unavailable('A recorded model holds no conversation.');
    },
    async structured({ schema }) {
      if (queue.length === 0) throw unavailable('The recorded model has no answer left.');
      const parsed = schema.safeParse(queue.shift());
      if (!parsed.success) throw unavailable('The recorded answer is not the JSON asked for.');
      return parsed.data;
    },
    async ping() {
      return { latencyMs: 0 };
    },
  };
}
