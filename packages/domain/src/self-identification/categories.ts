import { z } from 'zod';
import { Uuid } from '../schemas/common.ts';

/**
 * Voluntary self-identification (docs/entities.md#self-identification): sex and race/ethnicity in the
 * EEO-1 categories, each with "decline to answer". Kept apart from the participant record and read only as
 * counts by those allowed (docs/decisions/028-self-identification-and-adverse-impact.md).
 */

/** EEO-1's sex categories, in the form's order. */
export const SEX_CATEGORIES = ['male', 'female'] as const;
export type SexCategory = (typeof SEX_CATEGORIES)[number];

/**
 * EEO-1's race/ethnicity categories, in the form's order: Hispanic or Latino first, then the races of
 * those who are not Hispanic or Latino.
 */
export const RACE_ETHNICITY_CATEGORIES = [
  'hispanic_or_latino',
  'white',
  'black_or_african_american',
  'native_hawaiian_or_other_pacific_islander',
  'asian',
  'american_indian_or_alaska_native',
  'two_or_more_races',
] as const;
export type RaceEthnicityCategory = (typeof RACE_ETHNICITY_CATEGORIES)[number];

/** The answer to either question for someone who would rather not say. */
export const DECLINED = 'decline_to_answer';

export const SelfIdentifiedSex = z.enum([...SEX_CATEGORIES, DECLINED]);
export type SelfIdentifiedSex = z.infer<typeof SelfIdentifiedSex>;
export const SelfIdentifiedRaceEthnicity = z.enum([...RACE_ETHNICITY_CATEGORIES, DECLINED]);
export type SelfIdentifiedRaceEthnicity = z.infer<typeof SelfIdentifiedRaceEthnicity>;

/** Both answers; "decline to answer" is an answer. A participant who skips the questions has no record. */
export const SelfIdentificationAnswers = z.strictObject({
  sex: SelfIdentifiedSex,
  race_ethnicity: SelfIdentifiedRaceEthnicity,
});
export type SelfIdentificationAnswers = z.infer<typeof SelfIdentificationAnswers>;

/** `PUT /participants/{participant_id}/self-identification`: staff record answers given to them (a paper form). */
export const RecordSelfIdentificationInput = SelfIdentificationAnswers.extend({ participant_id: Uuid });
export type RecordSelfIdentificationInput = z.infer<typeof RecordSelfIdentificationInput>;

/** What is stored, one row per participant: the answers, when and by whom (`participant:<id>` from the portal). */
export interface SelfIdentificationRecord extends SelfIdentificationAnswers {
  readonly participant_id: string;
  readonly recorded_at: string;
  readonly recorded_by: string;
}

/**
 * What the staff write answers: the answers as stored, no more. Nothing else about a participant's
 * self-identification is ever answered to one person: the figures are counts (docs/rules.md#adverse-impact).
 */
export const SelfIdentificationRecorded = z.object({
  participant_id: z.string(),
  sex: SelfIdentifiedSex,
  race_ethnicity: SelfIdentifiedRaceEthnicity,
  recorded_at: z.string(),
  recorded_by: z.string(),
});
export type SelfIdentificationRecorded = z.infer<typeof SelfIdentificationRecorded>;

/** Where a person stands in the figures: their category, or `null` when unknown (no answer, or declined). */
export interface Categories {
  readonly sex: SexCategory | null;
  readonly race_ethnicity: RaceEthnicityCategory | null;
}

const known = <T extends string>(value: string | null | undefined, categories: readonly T[]): T | null =>
  value && categories.includes(value as T) ? (value as T) : null;

/** A stored answer pair (or none) as the figures count it: declining is unknown, like not answering. */
export const categoriesOf = (answers: { sex?: string | null; race_ethnicity?: string | null } | null): Categories => ({
  sex: known(answers?.sex, SEX_CATEGORIES),
  race_ethnicity: known(answers?.race_ethnicity, RACE_ETHNICITY_CATEGORIES),
});
