-- ProcessedEventRetention deletes records older than the dedupe horizon every hour. Rows arrive in time order, so
-- a BRIN index (a few pages, almost free to maintain) finds the old ones without reading the whole table.
-- Added after services' own V1..: the kit sets quarkus.flyway.out-of-order=true so existing databases apply it.
create index processed_event_processed_at on processed_event using brin (processed_at);
