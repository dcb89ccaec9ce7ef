-- Surveys of a portal. Texts per language are JSON objects kept as text ({"en": "...", "de": "..."}).
create table survey (
    id                  uuid primary key,
    portal_id           varchar(64)  not null,
    name                varchar(200) not null,
    delivery_method     varchar(16)  not null,       -- CHAT, EMAIL, LINK: only CHAT surveys are sent in the widget
    question_type       varchar(16)  not null,       -- CSAT
    scale               varchar(16)  not null,       -- FIVE_POINT (1-5), EMOJI_3 (1-3)
    default_language    varchar(16)  not null,
    question            text         not null,
    follow_up_low       text,
    follow_up_high      text,
    thank_you           text,
    answerable_hours    integer      not null,
    reinvite_on_reclose boolean      not null,
    archived            boolean      not null default false,
    revision            integer      not null,       -- grows with every change; SurveyDefined carries it
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
create index survey_portal on survey (portal_id, created_at);

-- What survey-service learns of a conversation from parley.conversations.v1 and parley.routing.v1: who handled it,
-- who the visitor is (for privacy requests) and whether it was reopened since its last invitation.
create table survey_conversation (
    conversation_id    varchar(64) primary key,
    portal_id          varchar(64) not null,
    chatflow_id        varchar(64),
    visitor_id         varchar(64),
    contact_email      varchar(320),
    team_id            varchar(64),
    agent_ids          varchar(2000) not null default '',  -- comma-separated, in the order learned
    invitations        integer     not null default 0,
    reopened_since_invitation boolean not null default false,
    updated_at         timestamptz not null
);
create index survey_conversation_visitor on survey_conversation (portal_id, visitor_id);
create index survey_conversation_email on survey_conversation (portal_id, contact_email);

-- One row per invitation sent (SurveyInvited); round 2 only after a reopen, when the survey allows it.
create table survey_invitation (
    id              uuid primary key,
    portal_id       varchar(64) not null,
    conversation_id varchar(64) not null,
    round           integer     not null,
    survey_id       uuid        not null references survey (id),
    chatflow_id     varchar(64),
    scale           varchar(16) not null,
    agent_ids       varchar(2000) not null default '',
    team_id         varchar(64),
    invited_at      timestamptz not null,
    expires_at      timestamptz not null,
    answered        boolean     not null default false,
    unique (conversation_id, round)
);
create index survey_invitation_report on survey_invitation (portal_id, invited_at);

-- Accepted answers. Erasure (privacy) clears comment and identity, and keeps the score for the statistics.
create table survey_response (
    id              uuid primary key,
    portal_id       varchar(64) not null,
    invitation_id   uuid        not null unique references survey_invitation (id),
    survey_id       uuid        not null,
    conversation_id varchar(64) not null,
    chatflow_id     varchar(64),
    agent_ids       varchar(2000) not null default '',
    team_id         varchar(64),
    scale           varchar(16) not null,
    score           integer     not null,
    comment         text,
    visitor_id      varchar(64),
    invited_at      timestamptz not null,
    answered_at     timestamptz not null,
    erased          boolean     not null default false
);
create index survey_response_report on survey_response (portal_id, answered_at desc);
create index survey_response_conversation on survey_response (conversation_id);
