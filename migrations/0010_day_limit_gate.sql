-- The 24-hour day, checked inside the statement that logs time: `/log` is one INSERT, with no
-- transaction around it, and stays correct when one person logs twice at once.
--
-- punchcard_day_minutes: a member's live minutes on one date, leaving one entry out. VOLATILE, so each
-- call reads a fresh snapshot: it sees what other transactions committed while this statement waited
-- for the member's lock (a STABLE function would see the statement's starting snapshot only).
CREATE FUNCTION "punchcard_day_minutes"("p_team" text, "p_user" text, "p_date" date, "p_exclude" integer)
RETURNS integer LANGUAGE sql VOLATILE AS $$
	SELECT coalesce(sum("minutes"), 0)::integer FROM "time_entries"
	WHERE "team_id" = "p_team" AND "user_id" = "p_user" AND "work_date" = "p_date"
		AND "deleted_at" IS NULL AND "id" IS DISTINCT FROM "p_exclude"
$$;
--> statement-breakpoint
-- punchcard_day_gate: takes the member's row lock (the lock every change to their time takes), then
-- refuses `p_minutes` more past `p_limit` with check_violation, the minutes already there as DETAIL.
-- Returns `p_minutes`, so an INSERT can pass the new entry's minutes through it: the gate runs, and
-- locks, before the row is written, and a refusal aborts the statement with nothing written.
CREATE FUNCTION "punchcard_day_gate"("p_team" text, "p_user" text, "p_date" date, "p_minutes" integer, "p_limit" integer)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	"already" integer;
BEGIN
	PERFORM 1 FROM "members" WHERE "team_id" = "p_team" AND "user_id" = "p_user" FOR UPDATE;
	"already" := "punchcard_day_minutes"("p_team", "p_user", "p_date", NULL);
	IF "already" + "p_minutes" > "p_limit" THEN
		RAISE EXCEPTION 'a day holds at most % minutes', "p_limit"
			USING ERRCODE = 'check_violation', CONSTRAINT = 'time_entries_day_limit', DETAIL = "already"::text;
	END IF;
	RETURN "p_minutes";
END $$;
