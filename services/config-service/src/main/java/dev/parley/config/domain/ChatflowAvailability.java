package dev.parley.config.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** routing-service's latest word on whether a chatflow's agents are reachable (AvailabilityChanged). */
@Entity
@Table(name = "chatflow_availability")
public class ChatflowAvailability {

    @Id
    public String chatflowId;
    public String portalId;
    public String state;
    public Instant changedAt;
}
