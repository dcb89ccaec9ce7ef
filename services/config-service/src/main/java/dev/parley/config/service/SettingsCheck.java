package dev.parley.config.service;

import dev.parley.config.domain.Inbox;
import dev.parley.config.domain.Portal;
import dev.parley.config.domain.SettingsValidator;
import dev.parley.config.domain.SettingsViolation;
import dev.parley.config.repository.InboxRepository;
import dev.parley.config.repository.PortalRepository;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.kit.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Runs {@link SettingsValidator} with what the portal has (inboxes, knowledge-base articles); call in a session. */
@ApplicationScoped
public class SettingsCheck {

    private final PortalRepository portals;
    private final InboxRepository inboxes;
    private final SurveyLinks surveys;

    public SettingsCheck(PortalRepository portals, InboxRepository inboxes, SurveyLinks surveys) {
        this.portals = portals;
        this.inboxes = inboxes;
        this.surveys = surveys;
    }

    /** Fails with a 400 problem naming the field; yields the portal (for its name and time zone). */
    public Uni<Portal> validate(String portalId, String kind, ChatflowSettings settings, boolean publishing) {
        return portals.findById(portalId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("portal " + portalId))
                .chain(portal -> inboxes.listInPortal(portalId).map(list -> {
                    Map<String, Boolean> connected = list.stream()
                            .collect(Collectors.toMap(i -> i.id.toString(), (Inbox i) -> i.chatConnected));
                    var ctx = new SettingsValidator.Context(kind, id -> Optional.ofNullable(connected.get(id)),
                            portal.kbPublishedArticles, publishing);
                    try {
                        SettingsValidator.validate(settings, ctx);
                    } catch (SettingsViolation v) {
                        throw ProblemException.badRequest(v.field(), v.getMessage());
                    }
                    return portal;
                }))
                .call(() -> publishing && settings != null && settings.surveyId() != null
                        ? surveys.check(portalId, settings.surveyId()) : Uni.createFrom().voidItem());
    }
}
