package dev.parley.config.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An inbox or help desk ({@code kind} INBOX / HELP_DESK) that chatflows deliver conversations to. */
@Entity
@Table(name = "inbox")
public class Inbox {

    @Id
    public UUID id;
    public String portalId;
    public String name;
    public String kind;
    public boolean chatConnected;
    public Instant createdAt;
    public Instant updatedAt;
}
