CREATE TABLE "onboarding_checklists" (
	"project_id" integer PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"welcome" text DEFAULT '' NOT NULL,
	"announce" boolean DEFAULT true NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onboarding_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "onboarding_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"link" text,
	"ask_user_id" text,
	"ask_name" text,
	"days" integer,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_items_days_check" CHECK ("onboarding_items"."days" is null or "onboarding_items"."days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "onboarding_ticks" (
	"onboarding_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"ticked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_ticks_onboarding_id_item_id_pk" PRIMARY KEY("onboarding_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "onboardings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "onboardings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"touched_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"announced_at" timestamp with time zone,
	"dm_channel_id" text,
	"dm_ts" text
);
--> statement-breakpoint
CREATE TABLE "project_managers" (
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"added_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_managers_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"added_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "onboarding_checklists" ADD CONSTRAINT "onboarding_checklists_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_items" ADD CONSTRAINT "onboarding_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_ticks" ADD CONSTRAINT "onboarding_ticks_onboarding_id_onboardings_id_fk" FOREIGN KEY ("onboarding_id") REFERENCES "public"."onboardings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_ticks" ADD CONSTRAINT "onboarding_ticks_item_id_onboarding_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."onboarding_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboardings" ADD CONSTRAINT "onboardings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_managers" ADD CONSTRAINT "project_managers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "onboarding_items_project_idx" ON "onboarding_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "onboarding_ticks_item_idx" ON "onboarding_ticks" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "onboardings_project_user_idx" ON "onboardings" USING btree ("project_id","user_id");--> statement-breakpoint
CREATE INDEX "onboardings_team_user_idx" ON "onboardings" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE INDEX "onboardings_open_idx" ON "onboardings" USING btree ("touched_at") WHERE "onboardings"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "project_managers_team_user_idx" ON "project_managers" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE INDEX "project_members_team_user_idx" ON "project_members" USING btree ("team_id","user_id");--> statement-breakpoint
-- Existing projects: whoever added one manages it, and everyone who has live time on it is a member
-- (so nobody's past or future time on a project they already work on is flagged as off-project).
INSERT INTO "project_managers" ("team_id", "project_id", "user_id", "added_by")
SELECT "team_id", "id", "created_by", "created_by" FROM "projects" WHERE "created_by" IS NOT NULL
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "project_members" ("team_id", "project_id", "user_id")
SELECT DISTINCT "team_id", "project_id", "user_id" FROM "time_entries"
WHERE "project_id" IS NOT NULL AND "deleted_at" IS NULL
ON CONFLICT DO NOTHING;
