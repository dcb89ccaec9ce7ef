package dev.parley.config.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An immutable published version; conversations remember the version they started on. */
@Entity
@Table(name = "chatflow_version")
public class ChatflowVersion {

    @Embeddable
    public record Key(UUID chatflowId, int version) implements Serializable {
    }

    @EmbeddedId
    public Key id;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public JsonNode snapshot;
    public Instant publishedAt;

    /** The stored snapshot as the contract type. */
    public ChatflowSnapshot toSnapshot() {
        return EventJson.mapper().convertValue(snapshot, ChatflowSnapshot.class);
    }
}
