-- The audit log is append-only (as drizzle/0002 and 0005 make it on SQLite): the database itself refuses
-- to change or remove an event. An insert that names an existing `seq` already fails on the primary key
-- (and `ON CONFLICT DO UPDATE` fires the update trigger), so no replace trigger is needed here; TRUNCATE
-- skips row triggers, so it gets a statement trigger of its own.
CREATE FUNCTION "events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "events_no_update" BEFORE UPDATE ON "events"
FOR EACH ROW EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "events_no_delete" BEFORE DELETE ON "events"
FOR EACH ROW EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "events"
FOR EACH STATEMENT EXECUTE FUNCTION "events_refuse_change"();
