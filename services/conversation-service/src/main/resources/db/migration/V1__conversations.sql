-- Visitor-token signing key, shared by every instance (the first instance to start creates it).
create table signing_key (
    kid         text primary key,
    private_pem text not null,
    public_jwk  text not null,
    created_at  timestamptz not null default now()
);

create table conversation (
    id                text primary key,
    portal_id         text not null,
    visitor_id        text not null,
    contact_email     text,
    chatflow_id       text not null,
    chatflow_version  int not null,
    inbox_id          text,
    page_url          text,
    status            text not null,           -- OPEN (not routed yet), QUEUED, ASSIGNED, CLOSED
    started           boolean not null default false,
    -- Chatflow steps, copied from the snapshot version at creation so later publishes do not change a live chat.
    consent_required  boolean not null default false,
    consent_given     boolean not null default false,
    email_capture_mode text not null default 'NEVER',
    email_asked       boolean not null default false,
    email             text,
    assigned_agent_id text,
    -- Gapless per-conversation sequence: incremented under the row lock in the transaction that inserts the message.
    last_seq          bigint not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    last_activity_at  timestamptz not null default now()
);
create index conversation_portal_updated on conversation (portal_id, updated_at desc, id);
create index conversation_visitor on conversation (portal_id, visitor_id, status);
create index conversation_open_activity on conversation (last_activity_at) where status <> 'CLOSED';

create table message (
    conversation_id text not null references conversation (id),
    seq             bigint not null,
    message_id      text not null,
    client_msg_id   text,
    sender          text not null,             -- VISITOR, AGENT, BOT, SYSTEM
    sender_id       text,
    sender_name     text,
    text            text not null,
    sent_at         timestamptz not null,
    primary key (conversation_id, seq)
);
-- A retried send (same clientMsgId from the same sender) is stored once.
create unique index message_client_msg on message (conversation_id, sender, client_msg_id)
    where client_msg_id is not null;
