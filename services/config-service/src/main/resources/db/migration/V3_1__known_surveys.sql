-- The surveys survey-service announced (SurveyDefined on parley.surveys.v1): what publishing needs to accept or
-- refuse a chatflow's settings.surveyId. Version 3.1 leaves 3 free for another change made at the same time.
create table known_survey (
    survey_id       varchar(64) primary key,
    portal_id       varchar(64) not null,
    name            varchar(200),
    delivery_method varchar(16) not null,
    archived        boolean     not null,
    revision        integer     not null,
    updated_at      timestamptz not null
);
