create table portal (
    id              varchar(64)  primary key,
    name            varchar(200) not null,
    time_zone       varchar(64)  not null default 'UTC',
    created_at      timestamptz  not null default now()
);

-- The editable draft; visitors never see it. Every publish copies it into an immutable chatflow_version.
create table chatflow (
    id                uuid         primary key,
    portal_id         varchar(64)  not null references portal (id),
    name              varchar(200) not null,
    kind              varchar(16)  not null,
    enabled           boolean      not null default false,
    priority          integer      not null default 0,
    settings          jsonb        not null,
    published_version integer      not null default 0,
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now()
);
create index chatflow_portal on chatflow (portal_id);

create table chatflow_version (
    chatflow_id  uuid        not null references chatflow (id),
    version      integer     not null,
    snapshot     jsonb       not null,
    published_at timestamptz not null default now(),
    primary key (chatflow_id, version)
);
