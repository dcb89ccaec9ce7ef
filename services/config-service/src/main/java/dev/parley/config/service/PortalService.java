package dev.parley.config.service;

import dev.parley.config.api.PortalRequests;
import dev.parley.config.domain.Portal;
import dev.parley.config.repository.PortalRepository;
import dev.parley.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;

/** The caller's portal: name, time zone, widget appearance and the knowledge-base article count. */
@ApplicationScoped
public class PortalService {

    private final PortalRepository portals;
    private final ChatflowAnnouncements announcements;

    public PortalService(PortalRepository portals, ChatflowAnnouncements announcements) {
        this.portals = portals;
        this.announcements = announcements;
    }

    @WithSession
    public Uni<Portal> get(String portalId) {
        return find(portalId);
    }

    @WithTransaction
    public Uni<Portal> update(String portalId, PortalRequests.Settings request) {
        if (request.timeZone() != null && !ZoneRulesProvider.getAvailableZoneIds().contains(request.timeZone())) {
            return Uni.createFrom().failure(ProblemException.badRequest("timeZone",
                    "unknown time zone; use an IANA region id such as Europe/Berlin"));
        }
        return find(portalId).chain(p -> {
            String zone = p.timeZone;
            p.name = request.name() == null ? p.name : request.name();
            p.timeZone = request.timeZone() == null ? p.timeZone : ZoneId.of(request.timeZone()).getId();
            return reannounceIf(!zone.equals(p.timeZone), p);
        });
    }

    @WithTransaction
    public Uni<Portal> appearance(String portalId, PortalRequests.Appearance request) {
        return find(portalId).chain(p -> {
            String before = p.accentColor + ' ' + p.widgetPosition;
            p.accentColor = request.accentColor().toUpperCase();
            p.widgetPosition = request.position();
            return reannounceIf(!before.equals(p.accentColor + ' ' + p.widgetPosition), p);
        });
    }

    /**
     * The time zone and the appearance change every published chatflow's answer: their current versions are
     * re-announced in this transaction (the snapshots carry the zone; the appearance is portal-wide and travels
     * only as the signal for other instances to refresh the portal).
     */
    private Uni<Portal> reannounceIf(boolean changed, Portal p) {
        return changed ? announcements.portal(p).replaceWith(p) : Uni.createFrom().item(p);
    }

    @WithTransaction
    public Uni<Portal> knowledgeBase(String portalId, PortalRequests.KnowledgeBase request) {
        return find(portalId).invoke(p -> p.kbPublishedArticles = request.publishedArticles());
    }

    private Uni<Portal> find(String portalId) {
        return portals.findById(portalId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("portal " + portalId));
    }
}
