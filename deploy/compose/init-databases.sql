-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d): one role and one database
-- per service, as ./parley up creates them (platform/infra Postgres.ensureDatabase). No service can read another's
-- tables. Each service creates its own tables with Flyway when it starts.
--
-- The password "parley" is the local development password, the same as the local stack's. It is for a compose
-- stack on a developer's machine only; deploy/ takes real passwords from Kubernetes Secrets.

create role config login password 'parley';
create database config owner config;

create role routing login password 'parley';
create database routing owner routing;

create role conversation login password 'parley';
create database conversation owner conversation;

create role consent login password 'parley';
create database consent owner consent;

create role survey login password 'parley';
create database survey owner survey;

-- Only the owner may connect: a service's credentials open no other service's database.
revoke connect on database config, routing, conversation, consent, survey from public;
