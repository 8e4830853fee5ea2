/** The link an invitee opens (no mail server: an owner or admin hands it over). */
export const inviteLink = (invitationId: string, origin = window.location.origin) => `${origin}/invite/${invitationId}`;
