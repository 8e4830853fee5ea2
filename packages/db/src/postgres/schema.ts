/**
 * The PostgreSQL schema: every table of src/schema/ (the one definition), derived by twin.ts. drizzle-kit
 * reads the tables from this module's named exports (drizzle-pg.config.ts), so each is exported by name;
 * schema.test.ts fails when a table of src/schema/ is missing here.
 */
import * as sqliteSchema from '../schema/index.ts';
import { pgTwins } from './twin.ts';

export const pgSchema = pgTwins(sqliteSchema);

export const {
  accounts,
  agentProfiles,
  apiKeys,
  authRateLimits,
  authSessions,
  bulkActionItems,
  bulkActions,
  decisions,
  evaluationStages,
  evaluationTemplates,
  events,
  idempotencyKeys,
  instanceMarkers,
  interviewerModels,
  invitations,
  mailOutbox,
  mailPreferences,
  memberGrants,
  members,
  participants,
  portalLinks,
  portalNoticeSettings,
  rateLimits,
  selfIdentifications,
  sessionAnswers,
  sessionSubmissions,
  sessionTurns,
  sessions,
  stageProgress,
  users,
  verifications,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookMessages,
  workspaces,
} = pgSchema;
