CREATE INDEX "deliveries_kind_date_idx" ON "deliveries" USING btree ("kind","local_date");--> statement-breakpoint
CREATE INDEX "standup_responses_standup_date_idx" ON "standup_responses" USING btree ("standup_id","local_date");--> statement-breakpoint
CREATE INDEX "standup_responses_status_date_idx" ON "standup_responses" USING btree ("status","local_date");--> statement-breakpoint
CREATE INDEX "time_entries_project_date_idx" ON "time_entries" USING btree ("project_id","work_date");