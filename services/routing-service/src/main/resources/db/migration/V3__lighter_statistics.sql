-- The two tables that grow with every conversation are re-analyzed by autovacuum about once a minute under load
-- (10 % of the rows changed), and each ANALYZE took a core for a moment: routed_conversation 0.2-0.4 s and
-- processed_event 0.4 s at 120,000 / 240,000 rows, which showed as bursts of slow assignments in the routing
-- benchmark. Statistics stay, from a smaller sample (300 x 10 rows), on the columns the planner needs estimates
-- for: the portal, the state (the partial indexes), the agent and the closing time. The others get none: they
-- are only reached through the primary key or next to one of those conditions (id, chatflow_version,
-- auto_assign), or filtered rarely (chatflow_id when timers are re-armed at startup, contact_key on erasure,
-- assigned_at in the handling-time read of the last 50 closed conversations, which the closed index serves).
-- ANALYZE of routed_conversation: 220 -> 20 ms on a copy of a benchmark's database.
alter table routed_conversation alter column portal_id set statistics 10;
alter table routed_conversation alter column state set statistics 10;
alter table routed_conversation alter column agent_id set statistics 10;
alter table routed_conversation alter column closed_at set statistics 10;
alter table routed_conversation alter column id set statistics 0;
alter table routed_conversation alter column chatflow_id set statistics 0;
alter table routed_conversation alter column chatflow_version set statistics 0;
alter table routed_conversation alter column auto_assign set statistics 0;
alter table routed_conversation alter column seq set statistics 0;
alter table routed_conversation alter column priority set statistics 0;
alter table routed_conversation alter column user_ids set statistics 0;
alter table routed_conversation alter column team_ids set statistics 0;
alter table routed_conversation alter column owner_agent_id set statistics 0;
alter table routed_conversation alter column contact_key set statistics 0;
alter table routed_conversation alter column forced set statistics 0;
alter table routed_conversation alter column last_position set statistics 0;
alter table routed_conversation alter column started_at set statistics 0;
alter table routed_conversation alter column queued_at set statistics 0;
alter table routed_conversation alter column assigned_at set statistics 0;
-- processed_event is only ever reached by its primary key (insert ... on conflict do nothing).
alter table processed_event alter column consumer set statistics 10;
alter table processed_event alter column event_id set statistics 0;
alter table processed_event alter column processed_at set statistics 0;
