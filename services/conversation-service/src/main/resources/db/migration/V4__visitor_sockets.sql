-- The visitors' open sockets on every instance, for parley.limits.sockets-per-visitor across instances
-- (ws/VisitorSockets). A socket counts while its instance's lease is alive: an instance renews its lease every few
-- seconds, so the sockets of an instance killed without a goodbye stop counting when its lease runs out.
create table instance_lease (
    instance_id text primary key,
    expires_at  timestamptz not null
);

create table visitor_socket (
    connection_id text primary key,
    portal_id     text not null,
    visitor_id    text not null,
    instance_id   text not null,
    opened_at     timestamptz not null default now()
);
create index visitor_socket_visitor on visitor_socket (portal_id, visitor_id);
create index visitor_socket_instance on visitor_socket (instance_id);
