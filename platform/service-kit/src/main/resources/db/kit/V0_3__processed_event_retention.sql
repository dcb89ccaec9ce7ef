-- ProcessedEventRetention deletes the records older than the dedupe horizon, oldest first, through this index (a
-- b-tree: rows arrive in time order, so each insert lands on its rightmost page; a BRIN index was tried on paper and
-- dropped, since freed space is reused by new rows and BRIN ranges never narrow again). On a large existing table
-- the build blocks inserts into processed_event until it is done.
create index processed_event_processed_at on processed_event (processed_at);
