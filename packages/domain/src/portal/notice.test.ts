import { describe, expect, it } from 'vitest';
import { en } from './copy/en.ts';
import { es } from './copy/es.ts';
import {
  AiStageNotice,
  aiStageNotice,
  DEFAULT_PORTAL_NOTICE_SETTINGS,
  type NoticeFacts,
  portalNoticeSettings,
  UpdatePortalNoticeInput,
} from './notice.ts';

const facts = (over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  stage: { stage_name: 'Phone Screen', stage_type: 'ai_interview', duration_minutes: 20 },
  rules: { automation_rule: 'require_reviewer_approval', auto_reject: false },
  interviewer: {
    evaluation_dimensions: [
      { name: 'Motivation', description: 'Why this role, why now' },
      { name: 'Experience fit', description: '' },
    ],
  },
  template: { template_name: 'Senior Backend Engineer' },
  workspace: { name: 'Demo workspace' },
  settings: DEFAULT_PORTAL_NOTICE_SETTINGS,
  ...over,
});

const settings = (over: Partial<typeof DEFAULT_PORTAL_NOTICE_SETTINGS>) => ({
  ...DEFAULT_PORTAL_NOTICE_SETTINGS,
  ...over,
});

describe('aiStageNotice (docs/rules.md#consent-to-an-ai-run-stage)', () => {
  it('says who runs the stage, what it looks at, how long, who decides, the transcript and the alternative', () => {
    const notice = aiStageNotice(facts(), en);
    expect(AiStageNotice.parse(notice)).toEqual(notice);
    expect(notice).toMatchObject({
      stage_name: 'Phone Screen',
      stage_type: 'AI interview',
      evaluation_name: 'Senior Backend Engineer',
      organization: 'Demo workspace',
      evaluates: [
        { name: 'Motivation', description: 'Why this role, why now' },
        { name: 'Experience fit', description: '' },
      ],
      duration_minutes: 20,
      duration: 'It takes about 20 minutes.',
    });
    expect(notice.about).toContain('an AI interviewer asks you questions');
    expect(notice.about).toContain('not a person');
    expect(notice.review).toContain('A person from Demo workspace reviews your result');
    expect(notice.retention).toContain('only for as long as they need it');
    expect(notice.alternative).toContain('someone from Demo workspace will run the stage with you instead');
    expect(notice.alternative).toContain('does not use one of your attempts');
    expect(notice.contact).toContain('Reply to the message your link came in');
  });

  it.each([
    ['roleplay_simulation', 'an AI plays a part in a role-play with you', 'Role-play simulation'],
    ['practice_session', 'an AI runs a practice session with you', 'Practice session'],
  ] as const)('a %s says what happens in it', (stage_type, words, type) => {
    const notice = aiStageNotice(facts({ stage: { stage_name: 'Call', stage_type, duration_minutes: 30 } }), en);
    expect(notice.about).toContain(words);
    expect(notice.stage_type).toBe(type);
  });

  it.each([
    [{ automation_rule: 'require_reviewer_approval', auto_reject: false }, 'reviews your result before anything'],
    [{ automation_rule: 'none', auto_reject: false }, 'looks at your result and decides what comes next'],
    [
      { automation_rule: 'auto_advance', auto_reject: false },
      'no decision is made against you until a person from Demo workspace has reviewed it',
    ],
    [{ automation_rule: 'auto_advance', auto_reject: true }, 'that decides whether you move on'],
  ] as const)('who decides follows the rules they are judged by: %o', (rules, words) => {
    expect(aiStageNotice(facts({ rules }), en).review).toContain(words);
  });

  it('uses the workspace’s own words when it set them', () => {
    const notice = aiStageNotice(
      facts({
        settings: settings({
          organization: 'Acme Hiring',
          contact: 'Write to people@acme.example or call +44 20 7946 0000.',
          transcript_retention_days: 90,
        }),
      }),
      en,
    );
    expect(notice.organization).toBe('Acme Hiring');
    expect(notice.review).toContain('A person from Acme Hiring');
    expect(notice.retention).toBe('Acme Hiring keeps the transcript of your session for 90 days.');
    expect(notice.contact).toBe('Questions? Write to people@acme.example or call +44 20 7946 0000.');
    expect(aiStageNotice(facts({ settings: settings({ transcript_retention_days: 1 }) }), en).retention).toContain(
      'for 1 day.',
    );
  });

  it("is written in the participant's language; what the team wrote stays as they wrote it", () => {
    const notice = aiStageNotice(facts({ settings: settings({ contact: 'Escribe a rrhh@demo.example' }) }), es);
    expect(AiStageNotice.parse(notice)).toEqual(notice);
    expect(notice).toMatchObject({
      stage_name: 'Phone Screen',
      stage_type: 'Entrevista con IA',
      duration: 'Dura unos 20 minutos.',
      contact: '¿Preguntas? Escribe a rrhh@demo.example',
    });
    expect(notice.about).toContain('Es un programa informático, no una persona.');
    expect(notice.review).toContain('Una persona de Demo workspace revisa tu resultado');
    expect(notice.alternative).toContain('No tienes que hacer esta etapa con una IA.');
  });

  it('without an interviewer or a duration it still reads as plain words', () => {
    const notice = aiStageNotice(
      facts({ interviewer: null, stage: { stage_name: 'Screen', stage_type: 'ai_interview' } }),
      en,
    );
    expect(notice.evaluates).toEqual([]);
    expect(notice.about).not.toContain('points below');
    expect(notice.duration_minutes).toBeNull();
    expect(notice.duration).toBe('The team will tell you how long it takes.');
  });
});

describe('UpdatePortalNoticeInput', () => {
  const saved = { at: '2026-03-02T09:00:00.000Z', by: 'user:1' };
  it('replaces the settings whole: left out, "" and null are unset', () => {
    const input = UpdatePortalNoticeInput.parse({ organization: '  Acme  ', contact: '' });
    expect(portalNoticeSettings(input, saved)).toEqual({
      organization: 'Acme',
      contact: null,
      transcript_retention_days: null,
      updated_at: saved.at,
      updated_by: 'user:1',
    });
    expect(portalNoticeSettings(UpdatePortalNoticeInput.parse({ organization: null }), saved).organization).toBeNull();
  });

  it.each([
    [{ transcript_retention_days: 0 }, 'transcript_retention_days'],
    [{ transcript_retention_days: 3651 }, 'transcript_retention_days'],
    [{ transcript_retention_days: 1.5 }, 'transcript_retention_days'],
    [{ transcript_retention_days: '30' }, 'transcript_retention_days'],
    [{ organization: 'x'.repeat(201) }, 'organization'],
    [{ contact: 'x'.repeat(501) }, 'contact'],
    [{ contact: 'a\u0000b' }, 'contact'],
    [{ retention: 30 }, ''],
  ])('refuses %o, naming the field', (input, field) => {
    const parsed = UpdatePortalNoticeInput.safeParse(input);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain(field);
  });
});
