-- Portal-wide widget appearance and the knowledge-base article count that gates KB chatflows.
alter table portal add column accent_color varchar(7) not null default '#2D6CDF';
alter table portal add column widget_position varchar(16) not null default 'BOTTOM_RIGHT';
alter table portal add column kb_published_articles integer not null default 0;

-- Inboxes and help desks; a chatflow may only use one whose chat channel is connected.
create table inbox (
    id              uuid         primary key,
    portal_id       varchar(64)  not null references portal (id),
    name            varchar(200) not null,
    kind            varchar(16)  not null,
    chat_connected  boolean      not null,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create index inbox_portal on inbox (portal_id);

-- A deleted chatflow keeps its row and versions (conversations remember their version) but is gone for the API.
alter table chatflow add column deleted_at timestamptz;

-- routing-service's latest AvailabilityChanged per chatflow (parley.availability.v1), kept across restarts.
create table chatflow_availability (
    chatflow_id  varchar(64)  primary key,
    portal_id    varchar(64)  not null,
    state        varchar(16)  not null,
    changed_at   timestamptz  not null
);
