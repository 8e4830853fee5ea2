import type { AgentProfile } from '../schemas/agent-profile.ts';
import { PROMPT_VERSION } from './prompt.ts';
import { STAGE_NOUN } from './prompt-words.ts';
import type { InterviewedStageType, InterviewSubject } from './subject.ts';

/**
 * The interview's plan without a model (docs/rules.md#prompts): the persona's greeting, one question
 * per dimension from its description, and a closing. It needs nothing but the stage's settings, so
 * a session can show its questions, and be answered in writing, when no model is set up or the model
 * is unavailable. Participant-facing words: plain and kind, never a score. In English: translating
 * needs a model.
 */

export interface PlannedQuestion {
  /** The dimension the question is about, by its name in the profile. */
  readonly dimension: string;
  readonly question: string;
}

export interface InterviewPlan {
  readonly prompt_version: string;
  readonly greeting: string;
  readonly questions: readonly PlannedQuestion[];
  readonly closing: string;
}

type Tone = AgentProfile['interaction']['tone'];

const HELLO: Record<Tone, string> = {
  friendly: 'Hi, and welcome!',
  professional: 'Hello, and thank you for joining.',
  strict: 'Good day.',
  challenging: 'Hello, and welcome.',
};

/** A persona written in the first person ("I am Ada, …") introduces itself; otherwise the name does. */
const introduction = (profile: InterviewSubject['profile']) =>
  /^(I|I'm|I am|I’m|My)\b/.test(profile.persona.trim()) ? profile.persona.trim() : `I'm ${profile.name}.`;

/** "Decomposes a problem into services." → "decomposes a problem into services" for use mid-sentence. */
const clause = (description: string) => {
  const text = description.trim().replace(/[.!?]+$/, '');
  return text && text[0]!.toLowerCase() + text.slice(1);
};

const ASK: Record<InterviewedStageType, (name: string, about: string) => string> = {
  ai_interview: (name, about) =>
    `Let's talk about ${name}${about && ` (${about})`}. Can you walk me through an example from your own experience?`,
  roleplay_simulation: (name, about) =>
    `In this situation, show me how you would handle ${name}${about && ` (${about})`}. What do you do first, and why?`,
  practice_session: (name, about) =>
    `Let's practise ${name}${about && ` (${about})`}. Tell me about a time this mattered in your work, and what you did.`,
  async_assessment: (name, about) =>
    `${name}${about && `: ${about}`}. Describe, in writing, how you approach this, with an example from your own experience.`,
};

const CLOSING: Record<InterviewedStageType, string> = {
  ai_interview: 'Thank you for your time and your answers. The team will review the conversation and be in touch.',
  roleplay_simulation:
    'That is the end of the scene. Thank you for taking part; the team will review it and be in touch.',
  practice_session: 'That is the end of this practice session. Thank you, and keep practising what we talked about.',
  async_assessment: 'Thank you for your answers. The team will review them and be in touch.',
};

export function interviewPlan({ profile, template, stage }: InterviewSubject): InterviewPlan {
  const noun = STAGE_NOUN[stage.stage_type];
  const greeting = [
    HELLO[profile.interaction.tone],
    introduction(profile),
    `This ${noun}, ${stage.stage_name} for ${template.template_name}, takes about ${stage.duration_minutes} minutes.`,
    stage.stage_type === 'async_assessment'
      ? 'Answer each question below in your own words.'
      : 'I will ask one question at a time; take the time you need to answer.',
  ].join(' ');
  const questions = profile.evaluation_dimensions.map((d) => ({
    dimension: d.name,
    question: ASK[stage.stage_type](d.name, clause(d.description)),
  }));
  return { prompt_version: PROMPT_VERSION, greeting, questions, closing: CLOSING[stage.stage_type] };
}
