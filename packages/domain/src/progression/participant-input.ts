import { z } from 'zod';
import { optionalText, Text, text, Uuid } from '../schemas/common.ts';

const Email = Text.trim().toLowerCase().max(254).pipe(z.email('enter a valid email address'));
const Labels = (maxItems: number) => z.array(text(80)).max(maxItems);
/** A participant's tags: free labels (a source, a cohort), at most 50. */
export const ParticipantTags = Labels(50);

export const ParticipantProfileInput = z.strictObject({
  title: optionalText(120),
  organization: optionalText(200),
  experience_level: optionalText(80),
  location: optionalText(200),
});

export const ParticipantBackgroundInput = z.strictObject({
  skills: Labels(100).default([]),
  education: optionalText(2000),
  languages: Labels(30).default([]),
});

/** Free-form integration data (an ATS id, a cohort): flat JSON values, so it stays small and queryable. */
export const ParticipantMetadata = z
  .record(Text.min(1).max(64), z.union([Text.max(2000), z.number(), z.boolean(), z.null()]))
  .refine((m) => Object.keys(m).length <= 50, 'at most 50 metadata keys');

const participantFields = {
  name: text(200),
  email: Email,
  external_id: optionalText(200),
  phone: optionalText(40),
  tags: ParticipantTags.default([]),
  profile: ParticipantProfileInput.prefault({}),
  background: ParticipantBackgroundInput.prefault({}),
  metadata: ParticipantMetadata.default({}),
};

export const CreateParticipantInput = z.strictObject({
  evaluation_template_id: Uuid,
  ...participantFields,
});
export type CreateParticipantInput = z.input<typeof CreateParticipantInput>;

/** Every field but the template is editable; objects are replaced whole, "" clears an optional text. */
export const UpdateParticipantInput = z.strictObject({
  id: Uuid,
  name: participantFields.name.optional(),
  email: participantFields.email.optional(),
  external_id: participantFields.external_id,
  phone: participantFields.phone,
  tags: ParticipantTags.optional(),
  profile: ParticipantProfileInput.optional(),
  background: ParticipantBackgroundInput.optional(),
  metadata: ParticipantMetadata.optional(),
});
export type UpdateParticipantInput = z.input<typeof UpdateParticipantInput>;
