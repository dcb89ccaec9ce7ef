-- Each visitor's message allowance (parley.limits.visitor-messages-per-minute), shared by every instance: a token
-- bucket read and written under its row lock by the message transaction (ConversationService, VisitorAllowances).
-- A row last written more than a minute ago is a full bucket, the same as no row: such rows are deleted now and then.
create table visitor_allowance (
    portal_id  text not null,
    visitor_id text not null,
    tokens     double precision not null,
    at         timestamptz not null,
    primary key (portal_id, visitor_id)
);
