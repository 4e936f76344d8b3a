CREATE TABLE "contracts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"project_id" integer,
	"rate_minor" integer,
	"currency" text,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"invoice_period" text DEFAULT 'monthly' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"reference" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_team_user_project_key" UNIQUE NULLS NOT DISTINCT("team_id","user_id","project_id"),
	CONSTRAINT "contracts_invoice_period_check" CHECK ("contracts"."invoice_period" in ('weekly', 'biweekly', 'monthly', 'milestone')),
	CONSTRAINT "contracts_payment_terms_check" CHECK ("contracts"."payment_terms_days" between 0 and 365),
	CONSTRAINT "contracts_dates_check" CHECK ("contracts"."ends_on" is null or "contracts"."ends_on" >= "contracts"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contracts_ends_on_idx" ON "contracts" USING btree ("ends_on");--> statement-breakpoint
-- Money in each currency's own minor unit (ISO 4217 digits). Until now every amount was stored in
-- hundredths whatever the currency: yen and krona as if they had cents, dinars with two decimals
-- instead of three. Rescale the currencies whose digits are not two: 0 digits divide by 100
-- (rounded half away from zero), 3 multiply by 10, 4 by 100. The codes are src/domain/money.ts's
-- (a test checks the two lists agree). Audit records keep rates as {rateMinor, currency}: rescaled
-- the same way, so a person's history reads the amounts they set.
CREATE TEMPORARY TABLE "money_rescale" ("code" text PRIMARY KEY, "factor" numeric NOT NULL);--> statement-breakpoint
INSERT INTO "money_rescale" ("code", "factor")
SELECT code, 0.01 FROM unnest(ARRAY['BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI','VND','VUV','XAF','XOF','XPF']) AS code
UNION ALL SELECT code, 10 FROM unnest(ARRAY['BHD','IQD','JOD','KWD','LYD','OMR','TND']) AS code
UNION ALL SELECT code, 100 FROM unnest(ARRAY['CLF','UYW']) AS code;--> statement-breakpoint
UPDATE "members" m SET "rate_minor" = round(m."rate_minor" * r."factor")::integer
FROM "money_rescale" r WHERE m."currency" = r."code" AND m."rate_minor" IS NOT NULL;--> statement-breakpoint
UPDATE "projects" p SET "rate_minor" = round(p."rate_minor" * r."factor")::integer
FROM "money_rescale" r WHERE p."currency" = r."code" AND p."rate_minor" IS NOT NULL;--> statement-breakpoint
UPDATE "project_member_rates" p SET "rate_minor" = round(p."rate_minor" * r."factor")::integer
FROM "money_rescale" r WHERE p."currency" = r."code";--> statement-breakpoint
UPDATE "time_entries" e SET "rate_minor" = round(e."rate_minor" * r."factor")::integer
FROM "money_rescale" r WHERE e."currency" = r."code" AND e."rate_minor" IS NOT NULL;--> statement-breakpoint
UPDATE "audit_log" a SET "before" = jsonb_set(a."before", '{rateMinor}', to_jsonb(round((a."before"->>'rateMinor')::numeric * r."factor")::bigint))
FROM "money_rescale" r
WHERE jsonb_typeof(a."before") = 'object' AND a."before"->>'currency' = r."code" AND jsonb_typeof(a."before"->'rateMinor') = 'number';--> statement-breakpoint
UPDATE "audit_log" a SET "after" = jsonb_set(a."after", '{rateMinor}', to_jsonb(round((a."after"->>'rateMinor')::numeric * r."factor")::bigint))
FROM "money_rescale" r
WHERE jsonb_typeof(a."after") = 'object' AND a."after"->>'currency' = r."code" AND jsonb_typeof(a."after"->'rateMinor') = 'number';--> statement-breakpoint
DROP TABLE "money_rescale";
