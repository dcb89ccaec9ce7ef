-- consent-service: the append-only consent ledger, the subscription records it derives, and privacy requests.

-- Every consent text ever shown, stored once and named by its SHA-256 (lower-case hex of the UTF-8 bytes).
create table consent_text (
    hash          varchar(64) primary key,
    text          text        not null,
    language      varchar(16),
    first_seen_at timestamptz not null default now()
);

-- One row per answer. Never updated, never deleted: the trigger below allows only erasure's anonymisation of the
-- identity columns, so the ledger keeps proving that a consent for (chatflow, version, text) was given.
create table consent_entry (
    id                 uuid         primary key,
    seq                bigserial    not null,
    portal_id          varchar(64)  not null,
    subject_visitor_id varchar(200) not null,
    subject_email      varchar(320),
    chatflow_id        varchar(64)  not null,
    chatflow_version   integer      not null,
    kind               varchar(16)  not null,     -- COOKIES, PROCESSING, COMMUNICATION
    basis              varchar(32),               -- EXPLICIT, LEGITIMATE_INTEREST (PROCESSING only)
    subscription_type  varchar(200),              -- COMMUNICATION only
    granted            boolean      not null,
    text_hash          varchar(64)  not null references consent_text (hash),
    language           varchar(16),
    channel            varchar(32)  not null,     -- WEB, MOBILE (in-chat step) or BANNER (cookie banner, REST)
    source             varchar(16)  not null,     -- CHAT (ConsentSubmitted) or API (POST /api/v1/consents)
    conversation_id    varchar(64),
    ip_address         varchar(64),               -- only when the portal keeps request metadata
    user_agent         varchar(512),
    recorded_at        timestamptz  not null,
    anonymised_at      timestamptz
);
create index consent_entry_visitor on consent_entry (portal_id, subject_visitor_id, seq);
create index consent_entry_email on consent_entry (portal_id, subject_email, seq) where subject_email is not null;
create index consent_entry_kind_time on consent_entry (portal_id, kind, recorded_at);

create function consent_entry_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'consent_entry is append-only';
    end if;
    if new.anonymised_at is null
            or (new.id, new.seq, new.portal_id, new.chatflow_id, new.chatflow_version, new.kind, new.basis,
                new.subscription_type, new.granted, new.text_hash, new.language, new.channel, new.source,
                new.recorded_at)
            is distinct from
               (old.id, old.seq, old.portal_id, old.chatflow_id, old.chatflow_version, old.kind, old.basis,
                old.subscription_type, old.granted, old.text_hash, old.language, old.channel, old.source,
                old.recorded_at) then
        raise exception 'consent_entry is append-only: only erasure may anonymise its identity columns';
    end if;
    return new;
end $$;
create trigger consent_entry_append_only before update or delete on consent_entry
    for each row execute function consent_entry_append_only();

-- A visitor's captured or proven email (EmailCaptured, identified visitors): a contact's history spans visitor ids.
create table subject_link (
    portal_id  varchar(64)  not null,
    visitor_id varchar(200) not null,
    email      varchar(320) not null,
    linked_at  timestamptz  not null default now(),
    primary key (portal_id, visitor_id, email)
);
create index subject_link_email on subject_link (portal_id, email);

-- The subscription record a consent to communicate creates (latest answer wins), with the chatflow's
-- marketing-contact flag. subject_key is the contact's email when known, else the visitor id.
create table subscription (
    portal_id         varchar(64)  not null,
    subject_key       varchar(320) not null,
    subscription_type varchar(200) not null,
    subscribed        boolean      not null,
    marketing_contact boolean      not null,
    chatflow_id       varchar(64)  not null,
    entry_id          uuid         not null,
    updated_at        timestamptz  not null,
    primary key (portal_id, subject_key, subscription_type)
);

-- Per-portal ledger settings; no row = defaults (request metadata is not kept).
create table ledger_settings (
    portal_id             varchar(64) primary key,
    keep_request_metadata boolean     not null default false
);

-- The key of the erasure markers: a subject's anonymised entries share one marker, which cannot be turned back
-- into the identity without this key (an email's plain hash could be reversed with a list of emails).
create table marker_key (
    id     integer primary key check (id = 1),
    secret bytea   not null
);

create table privacy_request (
    id           uuid         primary key,
    portal_id    varchar(64)  not null,
    kind         varchar(16)  not null,      -- ERASURE, EXPORT
    subject      varchar(320) not null,
    requested_by varchar(200),
    requested_at timestamptz  not null,
    services     text         not null       -- the services expected to answer, comma-separated, as of the request
);
create index privacy_request_portal on privacy_request (portal_id, requested_at desc);

create table privacy_report (
    request_id  uuid         not null references privacy_request (id),
    service     varchar(100) not null,
    items       bigint,
    data        jsonb,
    reported_at timestamptz  not null,
    primary key (request_id, service)
);
