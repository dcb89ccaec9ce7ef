-- Shared by every service (location classpath:db/kit). Versions 0.x sort before each service's own V1.

-- Transactional outbox: an event is written in the same transaction as the state change it announces,
-- and the relay publishes it to Kafka in id order, then deletes it.
create table outbox_event (
    id          bigserial primary key,
    topic       varchar(200) not null,
    event_key   varchar(200) not null,
    event_type  varchar(100) not null,
    event_id    uuid         not null,
    payload     text         not null,
    created_at  timestamptz  not null default now()
);

-- Idempotent consumers: the row is written in the same transaction as the effect of the event.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
