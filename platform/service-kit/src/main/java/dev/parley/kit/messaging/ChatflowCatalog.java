package dev.parley.kit.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowDeleted;
import dev.parley.contracts.events.ChatflowPublished;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The local copy of published chatflows (from {@code parley.chatflows.v1}) that routing, conversation, consent and
 * survey services read instead of calling config-service. Every version is kept.
 */
@ApplicationScoped
public class ChatflowCatalog {

    /** What a service knows of one chatflow. */
    public record Entry(String chatflowId, String portalId, int version, String kind, boolean deleted,
                        ChatflowSnapshot snapshot) {
    }

    private static final String UPSERT = "insert into chatflow_snapshot"
            + " (chatflow_id, version, portal_id, kind, snapshot, published_at)"
            // A String bound straight to jsonb would be stored as one JSON string, not as the object it holds.
            + " values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb), ?6)"
            + " on conflict (chatflow_id, version) do nothing";
    private static final String SELECT = "select chatflow_id, portal_id, version, kind, deleted, cast(snapshot as text)"
            + " from chatflow_snapshot where chatflow_id = ?1 and portal_id = ?2";

    private final ProcessedEvents processed;

    public ChatflowCatalog(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** Applies one record of parley.chatflows.v1 once; tombstones (null) only finish a deletion and are skipped. */
    public Uni<Void> consume(String consumer, String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        return processed.consume(consumer, json, this::apply);
    }

    private Uni<Void> apply(ParleyEvent event) {
        if (event instanceof ChatflowPublished p) {
            return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                    .setParameter(1, p.chatflowId()).setParameter(2, p.version()).setParameter(3, p.portalId())
                    .setParameter(4, p.kind()).setParameter(5, EventJson.mapper().valueToTree(p.snapshot()).toString())
                    .setParameter(6, OffsetDateTime.ofInstant(p.occurredAt(), ZoneOffset.UTC))
                    .executeUpdate()).replaceWithVoid();
        }
        if (event instanceof ChatflowDeleted d) {
            return Panache.getSession().chain(s -> s.createNativeQuery(
                            "update chatflow_snapshot set deleted = true where chatflow_id = ?1 and portal_id = ?2")
                    .setParameter(1, d.chatflowId()).setParameter(2, d.portalId()).executeUpdate()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /** The latest version of a chatflow of {@code portalId}; another portal's chatflow is "not there". */
    public Uni<Optional<Entry>> latest(String portalId, String chatflowId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        SELECT + " order by version desc limit 1", Object[].class)
                .setParameter(1, chatflowId).setParameter(2, portalId).getResultList()))
                .map(rows -> rows.stream().findFirst().map(ChatflowCatalog::entry));
    }

    private static Entry entry(Object[] r) {
        try {
            return new Entry((String) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3],
                    (Boolean) r[4], EventJson.mapper().readValue((String) r[5], ChatflowSnapshot.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored chatflow snapshot is not JSON", e);
        }
    }
}
