-- routing-service: agents, teams, portal routing settings, the conversations it routes and the queue.
-- Every decision of a portal runs under pg_advisory_xact_lock(portal) (see docs/routing-service.md); the
-- conditional claim on agent.open_count and the check below make capacity a property of the database too.

create table routing_settings (
    portal_id          varchar(64) primary key,
    strategy           varchar(32) not null default 'BALANCED',
    fallback_strategy  varchar(32) not null default 'BALANCED',
    queue_order        varchar(16) not null default 'FIFO',
    grace_seconds      integer     not null default 30,
    reroute_on_away    boolean     not null default true,
    default_capacity   integer     not null default 3,
    rr_cursor          varchar(64)
);

create table agent (
    portal_id          varchar(64)  not null,
    id                 varchar(64)  not null,
    display_name       varchar(200) not null,
    avatar_url         varchar(1000),
    paid_seat          boolean      not null default false,
    capacity           integer      not null check (capacity between 0 and 100),
    status             varchar(16)  not null default 'AWAY',
    connections        integer      not null default 0 check (connections >= 0),
    -- connected, or disconnected for less than the portal's grace period
    present            boolean      not null default false,
    disconnected_at    timestamptz,
    open_count         integer      not null default 0 check (open_count >= 0),
    forced_count       integer      not null default 0 check (forced_count >= 0),
    last_assigned_at   timestamptz,
    primary key (portal_id, id)
);

create table agent_connection (
    portal_id     varchar(64)  not null,
    agent_id      varchar(64)  not null,
    connection_id varchar(200) not null,
    instance_id   varchar(200),
    primary key (portal_id, agent_id, connection_id)
);

create table team (
    portal_id  varchar(64)  not null,
    id         varchar(64)  not null,
    name       varchar(200) not null,
    primary key (portal_id, id)
);

create table team_member (
    portal_id varchar(64) not null,
    team_id   varchar(64) not null,
    agent_id  varchar(64) not null,
    primary key (portal_id, team_id, agent_id),
    foreign key (portal_id, team_id) references team (portal_id, id) on delete cascade,
    foreign key (portal_id, agent_id) references agent (portal_id, id) on delete cascade
);
-- every decision reads each agent's teams
create index team_member_agent on team_member (portal_id, agent_id);

-- state: QUEUED (waiting for an agent), ASSIGNED, INBOX (no auto-assignment: waits to be claimed), CLOSED
create table routed_conversation (
    portal_id        varchar(64)  not null,
    id               varchar(64)  not null,
    chatflow_id      varchar(64)  not null,
    chatflow_version integer      not null,
    state            varchar(16)  not null,
    auto_assign      boolean      not null,
    seq              bigserial    not null,
    priority         integer      not null default 0,
    user_ids         text         not null default '',
    team_ids         text         not null default '',
    owner_agent_id   varchar(64),
    contact_key      varchar(320),
    agent_id         varchar(64),
    forced           boolean      not null default false,
    last_position    integer,
    started_at       timestamptz  not null,
    queued_at        timestamptz,
    assigned_at      timestamptz,
    closed_at        timestamptz,
    primary key (portal_id, id)
);
create index routed_conversation_queue on routed_conversation (portal_id, priority desc, seq) where state = 'QUEUED';
create index routed_conversation_agent on routed_conversation (portal_id, agent_id) where state = 'ASSIGNED';
create index routed_conversation_closed on routed_conversation (portal_id, closed_at desc) where state = 'CLOSED';

-- contact owner: the agent who last handled a contact (by email), for the CONTACT_OWNER strategy
create table contact_owner (
    portal_id   varchar(64)  not null,
    contact_key varchar(320) not null,
    agent_id    varchar(64)  not null,
    primary key (portal_id, contact_key)
);

-- assignment rules of each chatflow's latest version, for the availability state
create table chatflow_route (
    portal_id    varchar(64) not null,
    chatflow_id  varchar(64) not null,
    version      integer     not null,
    enabled      boolean     not null,
    user_ids     text        not null default '',
    team_ids     text        not null default '',
    availability varchar(16),
    primary key (portal_id, chatflow_id)
);
