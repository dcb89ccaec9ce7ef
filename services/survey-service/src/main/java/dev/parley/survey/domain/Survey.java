package dev.parley.survey.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A survey of a portal; the per-language texts are JSON objects kept as text. */
@Entity
@Table(name = "survey")
public class Survey {

    @Id
    public UUID id;
    public String portalId;
    public String name;
    public String deliveryMethod;
    public String questionType;
    public String scale;
    public String defaultLanguage;
    public String question;
    public String followUpLow;
    public String followUpHigh;
    public String thankYou;
    public int answerableHours;
    public boolean reinviteOnReclose;
    public boolean archived;
    public int revision;
    public Instant createdAt;
    public Instant updatedAt;
}
