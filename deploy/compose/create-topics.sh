#!/bin/sh
# One-shot topic creation for docker-compose.yml, the same plan as the local stack (platform/infra TopicPlan):
# every topic of ARCHITECTURE.md plus its dead-letter topic <topic>.dlq (1 partition). Replication factor 1:
# the compose stack has a single broker. Existing topics are left alone, so re-running it is harmless.
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

# create NAME PARTITIONS [CLEANUP_POLICY]
create() {
    "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
        --topic "$1" --partitions "$2" --replication-factor 1 \
        --config "cleanup.policy=${3:-delete}"
    "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
        --topic "$1.dlq" --partitions 1 --replication-factor 1
}

create parley.chatflows.v1 3 compact
create parley.conversations.v1 6
create parley.routing.v1 6
create parley.presence.v1 3
create parley.availability.v1 3 compact
create parley.consents.v1 3
create parley.surveys.v1 3
create parley.privacy.v1 3

echo "Parley topics:"
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --list | grep '^parley\.'
