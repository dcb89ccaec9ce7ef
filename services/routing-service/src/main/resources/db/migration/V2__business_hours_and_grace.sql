-- Business hours of each chatflow's latest version: while a BUSINESS_HOURS chatflow is closed its conversations
-- wait in the queue, and the queue is re-run at the next opening (a one-shot timer per portal, no sweep).
alter table chatflow_route add column availability_mode varchar(32);
-- ChatflowSettings.availability.hours as JSON, holidays comma-separated (YYYY-MM-DD), the portal's time zone
alter table chatflow_route add column hours text;
alter table chatflow_route add column holidays text not null default '';
alter table chatflow_route add column time_zone varchar(64);

-- Agents whose grace period runs (present without a socket): found at start-up and after a consumer rebalance.
create index agent_grace on agent (portal_id) where present and connections = 0;
