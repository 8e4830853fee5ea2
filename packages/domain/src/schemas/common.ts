import { z } from 'zod';

export const Uuid = z.uuid();

/** A required, trimmed, single-line text field with a length cap. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** Optional free text; an empty string means "not set". */
export const optionalText = (max: number) => z.string().trim().max(max).optional();

export const UseCase = z.enum(['hiring', 'admissions', 'training', 'custom_api']);
export type UseCase = z.infer<typeof UseCase>;

export const Difficulty = z.enum(['beginner', 'intermediate', 'advanced', 'expert', 'adaptive']);
export type Difficulty = z.infer<typeof Difficulty>;
/** A template's difficulty unless it says otherwise; its stages inherit it. */
export const DEFAULT_DIFFICULTY: Difficulty = 'intermediate';

export const LifecycleStatus = z.enum(['draft', 'active', 'archived']);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

export const DurationMinutes = z.int().min(5).max(240);
/** A template's stage length unless it says otherwise; its stages inherit it. */
export const DEFAULT_DURATION_MINUTES = 30;

/** Optimistic concurrency: the template version the caller last saw. A stale one is a CONFLICT. */
export const ExpectedVersion = z.int().min(0).optional();

export const Timestamps = {
  created_at: z.string(),
  updated_at: z.string(),
};
