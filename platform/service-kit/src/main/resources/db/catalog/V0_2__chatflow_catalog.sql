-- Services that consume parley.chatflows.v1 (location classpath:db/catalog): every published chatflow version,
-- kept so a conversation can be served by the exact version it started on.
create table chatflow_snapshot (
    chatflow_id  varchar(64) not null,
    version      integer     not null,
    portal_id    varchar(64) not null,
    kind         varchar(16) not null,
    snapshot     jsonb       not null,
    deleted      boolean     not null default false,
    published_at timestamptz not null,
    primary key (chatflow_id, version)
);
create index chatflow_snapshot_portal on chatflow_snapshot (portal_id);
