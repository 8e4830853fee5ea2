-- `INSERT OR REPLACE` (and `REPLACE INTO`) with an existing `seq` deletes that event and writes another in
-- its place, and SQLite fires no DELETE trigger for rows a REPLACE removes. Refuse any insert that names
-- an existing sequence number, so the log stays append-only whatever the conflict clause.
CREATE TRIGGER `events_no_replace` BEFORE INSERT ON `events`
WHEN NEW.`seq` IS NOT NULL AND EXISTS (SELECT 1 FROM `events` WHERE `seq` = NEW.`seq`)
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: replacing an event is not allowed');
END;
