CREATE TABLE "project_day_minutes" (
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"work_date" date NOT NULL,
	"minutes" bigint NOT NULL,
	CONSTRAINT "project_day_minutes_team_id_project_id_work_date_pk" PRIMARY KEY("team_id","project_id","work_date")
);
--> statement-breakpoint
CREATE FUNCTION "project_day_minutes_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "project_day_minutes" ("team_id", "project_id", "work_date", "minutes")
	SELECT "team_id", "project_id", "work_date", sum("minutes") FROM "new_entries"
	WHERE "project_id" IS NOT NULL AND "deleted_at" IS NULL
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT ("team_id", "project_id", "work_date")
	DO UPDATE SET "minutes" = "project_day_minutes"."minutes" + excluded."minutes";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "project_day_minutes_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "project_day_minutes" ("team_id", "project_id", "work_date", "minutes")
	SELECT "team_id", "project_id", "work_date", sum("minutes") FROM (
		SELECT "team_id", "project_id", "work_date", -"minutes" AS "minutes" FROM "old_entries"
		WHERE "project_id" IS NOT NULL AND "deleted_at" IS NULL
		UNION ALL
		SELECT "team_id", "project_id", "work_date", "minutes" FROM "new_entries"
		WHERE "project_id" IS NOT NULL AND "deleted_at" IS NULL
	) AS "change"
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT ("team_id", "project_id", "work_date")
	DO UPDATE SET "minutes" = "project_day_minutes"."minutes" + excluded."minutes";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "project_day_minutes_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "project_day_minutes" ("team_id", "project_id", "work_date", "minutes")
	SELECT "team_id", "project_id", "work_date", -sum("minutes") FROM "old_entries"
	WHERE "project_id" IS NOT NULL AND "deleted_at" IS NULL
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT ("team_id", "project_id", "work_date")
	DO UPDATE SET "minutes" = "project_day_minutes"."minutes" + excluded."minutes";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "project_day_minutes_insert" AFTER INSERT ON "time_entries"
	REFERENCING NEW TABLE AS "new_entries" FOR EACH STATEMENT EXECUTE FUNCTION "project_day_minutes_insert"();
--> statement-breakpoint
CREATE TRIGGER "project_day_minutes_update" AFTER UPDATE ON "time_entries"
	REFERENCING OLD TABLE AS "old_entries" NEW TABLE AS "new_entries" FOR EACH STATEMENT EXECUTE FUNCTION "project_day_minutes_update"();
--> statement-breakpoint
CREATE TRIGGER "project_day_minutes_delete" AFTER DELETE ON "time_entries"
	REFERENCING OLD TABLE AS "old_entries" FOR EACH STATEMENT EXECUTE FUNCTION "project_day_minutes_delete"();
--> statement-breakpoint
INSERT INTO "project_day_minutes" ("team_id", "project_id", "work_date", "minutes")
SELECT "team_id", "project_id", "work_date", sum("minutes") FROM "time_entries"
WHERE "project_id" IS NOT NULL AND "deleted_at" IS NULL
GROUP BY 1, 2, 3;
