import { describe, expect, test } from 'vitest';
import { checkInterviewer, type InterviewerCandidate } from './interviewer.ts';
import { INTERVIEWER_ID } from './test-stages.ts';

const active: InterviewerCandidate = { name: 'Ada', status: 'active' };
const archived: InterviewerCandidate = { name: 'Ada', status: 'archived' };

describe('checkInterviewer', () => {
  test.each<[string, string | null | undefined, InterviewerCandidate | undefined]>([
    ['no profile named (undefined)', undefined, undefined],
    ['no profile named (null clears it)', null, undefined],
    ['no profile named (empty)', '', undefined],
    ['an active profile of the workspace', INTERVIEWER_ID, active],
  ])('%s: accepted', (_, id, profile) => {
    expect(checkInterviewer(id, profile)).toBeUndefined();
  });

  test.each<[string, InterviewerCandidate | undefined, (string | number)[], (string | number)[], RegExp]>([
    ['unknown in the workspace', undefined, [], ['agent_profile_id'], /no agent profile .* in this workspace/],
    ['archived', archived, [], ['agent_profile_id'], /agent profile "Ada" is archived/],
    [
      'unknown, third item of an import',
      undefined,
      ['stages', 2],
      ['stages', 2, 'agent_profile_id'],
      /^stages\.2\.agent_profile_id: no agent profile/,
    ],
    ['archived, first item of an import', archived, ['stages', 0], ['stages', 0, 'agent_profile_id'], /archived/],
  ])('%s: BAD_REQUEST naming agent_profile_id', (_, profile, at, path, message) => {
    const error = checkInterviewer(INTERVIEWER_ID, profile, at);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path }] });
    expect(error?.message).toMatch(message);
  });
});
