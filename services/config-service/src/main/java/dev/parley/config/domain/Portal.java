package dev.parley.config.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant: every other row of every service belongs to exactly one portal. */
@Entity
@Table(name = "portal")
public class Portal {

    @Id
    public String id;
    public String name;
    public String timeZone;
    public Instant createdAt;
    /** Widget appearance, portal-wide. */
    public String accentColor;
    public String widgetPosition;
    /** Published knowledge-base articles (KB chatflows need at least three). */
    public int kbPublishedArticles;
}
