import type { AgentProfile } from '../schemas/agent-profile.ts';
import type { Difficulty } from '../schemas/common.ts';
import type { InterviewedStageType } from './subject.ts';

/**
 * The sentences each profile and stage setting becomes in an interviewer's prompt
 * (docs/rules.md#prompts). One table per setting, so a setting added to the schema fails to
 * compile here until it has its words.
 */

type Interaction = AgentProfile['interaction'];

export const TONE: Record<Interaction['tone'], string> = {
  friendly: 'Be warm and encouraging; put the participant at ease, and thank them for their answers.',
  professional: 'Be courteous, neutral and to the point, as in a well-run professional interview.',
  strict: 'Be formal and exacting; do not accept vague answers without asking for precision.',
  challenging:
    'Be respectful but challenging: push back on weak reasoning and ask the participant to defend their choices.',
};

export const STYLE: Record<Interaction['style'], string> = {
  structured: 'Follow the plan in order, one dimension at a time, and say when you move to the next topic.',
  conversational: 'Let the conversation flow naturally, linking each question to what the participant just said.',
  adaptive: 'Follow the plan, but reorder topics and adjust your questions to what the participant shows.',
};

export const INTERVIEWER_DIFFICULTY: Record<Interaction['difficulty'], string> = {
  easy: 'Keep questions approachable: one idea at a time, with room to think.',
  medium: 'Ask questions of moderate difficulty that need a concrete example to answer well.',
  hard: 'Ask demanding questions: edge cases, trade-offs and reasoning under constraints.',
  adaptive:
    'Start at moderate difficulty; ask harder questions after strong answers and easier ones after weak answers.',
};

export const STAGE_LEVEL: Record<Difficulty, string> = {
  beginner: 'beginner level: assume little prior experience',
  intermediate: 'intermediate level: assume working experience',
  advanced: 'advanced level: assume deep, independent experience',
  expert: 'expert level: assume mastery, and look for depth beyond it',
  adaptive: 'adaptive level: find the participant’s level as you go and pitch questions to it',
};

/** How many follow-ups a dimension may get, and what they look for. */
export const PROBING: Record<Interaction['probing_depth'], string> = {
  low: 'Ask at most one follow-up per dimension, and only when an answer is unclear or incomplete.',
  medium:
    'Ask one or two follow-ups per dimension when an answer stays general: ask for a concrete example and what the participant did themselves.',
  high: 'Ask up to three follow-ups per dimension: for specifics, for the trade-offs considered, and for what they would do differently. Do not move on while an answer is still vague, unless time runs out.',
};

/** The stage type in the participant's words (as the portal says it). */
export const STAGE_NOUN: Record<InterviewedStageType, string> = {
  ai_interview: 'interview',
  roleplay_simulation: 'role-play',
  practice_session: 'practice session',
  async_assessment: 'written assessment',
};

/** "an interview", "a role-play". */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** Roughly how long one dimension takes, to pace the plan to the stage's length. */
export const MINUTES_PER_QUESTION: Record<Interaction['probing_depth'], number> = { low: 3, medium: 5, high: 7 };
