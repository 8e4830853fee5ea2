import { z } from 'zod';
import { badInput, type DomainError, notFound } from '../errors.ts';
import { isRole, type Role } from '../roles.ts';
import { text } from '../schemas/common.ts';

/**
 * Who may read the self-identification figures (docs/surfaces.md#roles-and-scopes): owners always, and the
 * admins an owner names one by one. A grant counts only while its holder is an admin.
 */
export const DEMOGRAPHICS_GRANTEE_ROLE: Role = 'admin';

/** The member an owner lets read the figures, or stops letting (better-auth's user id). */
export const DemographicsGrantInput = z.strictObject({ user_id: text(200) });
export type DemographicsGrantInput = z.infer<typeof DemographicsGrantInput>;

/** A workspace event (no participant): who was let in or out, by the actor. */
export interface DemographicsAccessEvent {
  readonly type: 'demographics_access_granted' | 'demographics_access_revoked';
  readonly actor: string;
  readonly occurred_at: string;
  readonly data: { readonly user_id: string };
}

export interface DemographicsAccessChange {
  /** What to store: the grant made or taken away; `null` when it was so already. */
  readonly change: 'grant' | 'revoke' | null;
  readonly events: readonly DemographicsAccessEvent[];
}

/**
 * docs/rules.md#who-reads-self-identification: an owner grants the figures to an admin, or takes them back.
 * Owners have them anyway, and reviewers and viewers cannot be given them (make them an admin first): both
 * are a BAD_REQUEST on `user_id`. Someone not in the workspace is not found. Granting twice, or taking back
 * what was not given, changes nothing.
 */
export function decideDemographicsAccess(
  member: { readonly role: string } | null,
  current: boolean,
  input: DemographicsGrantInput & { readonly grant: boolean },
  ctx: { readonly now: string; readonly actor: string },
): DemographicsAccessChange | DomainError {
  if (!member) return notFound('Member', input.user_id);
  const role = isRole(member.role) ? member.role : null;
  if (role === 'owner') {
    return badInput(['user_id'], 'is an owner: owners always see the self-identification figures');
  }
  if (input.grant && role !== DEMOGRAPHICS_GRANTEE_ROLE) {
    return badInput(
      ['user_id'],
      `is a ${role ?? member.role}: only admins can be given the self-identification figures; make them an admin first`,
    );
  }
  if (input.grant === current) return { change: null, events: [] };
  return {
    change: input.grant ? 'grant' : 'revoke',
    events: [
      {
        type: input.grant ? 'demographics_access_granted' : 'demographics_access_revoked',
        actor: ctx.actor,
        occurred_at: ctx.now,
        data: { user_id: input.user_id },
      },
    ],
  };
}

/** Who holds a grant, as the owner's list shows it. */
export const DemographicsAccessList = z.object({
  /** The workspace's admins, each with whether they may read the figures. */
  admins: z.array(
    z.object({
      user_id: z.string(),
      name: z.string(),
      email: z.string(),
      granted: z.boolean(),
      granted_at: z.string().nullable(),
      granted_by: z.string().nullable(),
    }),
  ),
});
export type DemographicsAccessList = z.infer<typeof DemographicsAccessList>;
