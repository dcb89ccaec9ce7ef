package dev.parley.config.domain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chatflow's editable draft. Visitors only ever see a published {@link ChatflowVersion}. */
@Entity
@Table(name = "chatflow")
public class Chatflow {

    @Id
    public UUID id;
    public String portalId;
    public String name;
    public String kind;
    public boolean enabled;
    public int priority;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public JsonNode settings;
    public int publishedVersion;
    public Instant createdAt;
    public Instant updatedAt;
    /** Set on delete: the chatflow is gone for every API; versions stay for conversations that used them. */
    public Instant deletedAt;
}
