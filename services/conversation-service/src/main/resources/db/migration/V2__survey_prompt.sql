-- The SURVEY prompt of a closed conversation, kept until the visitor answers, so a visitor who comes back (hello)
-- after SurveyInvited still gets it.
alter table conversation add column survey_prompt text;
alter table conversation add column survey_answered boolean not null default false;
