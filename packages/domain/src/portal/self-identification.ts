import { z } from 'zod';
import {
  SelfIdentificationAnswers,
  type SelfIdentificationRecord,
  SelfIdentifiedRaceEthnicity,
  SelfIdentifiedSex,
} from '../self-identification/categories.ts';
import type { PortalCopy } from './copy/en.ts';

/**
 * The voluntary self-identification questions as a participant reads them in their portal
 * (docs/rules.md#self-identification): why they are asked, each question with its answers in the
 * participant's words, and their own answers on record. Nobody else's, and nothing about the figures.
 */

const Option = <T extends z.ZodType>(value: T) => z.object({ value, label: z.string() });

export const PortalSelfIdentificationView = z.object({
  title: z.string(),
  /** Why the questions are asked, that answering is voluntary, and who sees the answers: one paragraph each. */
  why: z.array(z.string()),
  questions: z.object({
    sex: z.object({ question: z.string(), options: z.array(Option(SelfIdentifiedSex)) }),
    race_ethnicity: z.object({ question: z.string(), options: z.array(Option(SelfIdentifiedRaceEthnicity)) }),
  }),
  /** Their answers on record; `null` until they answer (skipping leaves none). */
  answers: SelfIdentificationAnswers.nullable(),
});
export type PortalSelfIdentificationView = z.infer<typeof PortalSelfIdentificationView>;

/** `PUT /api/portal/v1/self-identification`: both answers ("I prefer not to answer" is one). */
export const PortalSelfIdentificationInput = SelfIdentificationAnswers;
export type PortalSelfIdentificationInput = z.infer<typeof PortalSelfIdentificationInput>;

export function portalSelfIdentificationView(
  record: SelfIdentificationRecord | null,
  copy: PortalCopy,
): PortalSelfIdentificationView {
  const w = copy.selfId;
  return {
    title: w.title,
    why: [w.why.purpose, w.why.voluntary, w.why.privacy],
    questions: {
      sex: {
        question: w.sexQuestion,
        options: SelfIdentifiedSex.options.map((value) => ({ value, label: w.sex[value] })),
      },
      race_ethnicity: {
        question: w.raceQuestion,
        options: SelfIdentifiedRaceEthnicity.options.map((value) => ({ value, label: w.race[value] })),
      },
    },
    answers: record ? { sex: record.sex, race_ethnicity: record.race_ethnicity } : null,
  };
}
