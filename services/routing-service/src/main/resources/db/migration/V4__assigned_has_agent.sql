-- An assigned conversation always names its agent. Every writer already keeps this; the batch close statement
-- (ConversationRouting.LAYER) builds a JSON map keyed by the agents of the closed assigned conversations, and a
-- null key there would fail the whole batch on every retry, so the database refuses such a row at its source.
alter table routed_conversation add constraint routed_conversation_assigned_has_agent
    check (state <> 'ASSIGNED' or agent_id is not null);
