package dev.parley.config.service;

import dev.parley.config.api.ChatflowRequest;
import dev.parley.config.api.InboxRequest;
import dev.parley.config.domain.Portal;
import dev.parley.config.repository.ChatflowRepository;
import dev.parley.config.repository.InboxRepository;
import dev.parley.config.repository.PortalRepository;
import dev.parley.config.view.ResolutionView;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.kit.demo.DemoTenants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo tenants for the local stack and the tests, through the same service code as real use so that the
 * seeded chatflows are announced (ChatflowPublished) like any other. Idempotent: whatever exists (even deleted) is
 * left alone, so a restart seeds nothing twice.
 *
 * <p>Portal demo: inbox, a website live chat on every page 24/7 assigning to the demo support team (legitimate
 * interest, no email capture, so the chat walk-through is short) and a mobile chatflow tagged {@code demo-app}.
 * Portal other: its own inbox and website chatflow.
 */
@ApplicationScoped
public class DemoSeeder {

    private final PortalRepository portals;
    private final InboxRepository inboxes;
    private final ChatflowRepository chatflows;
    private final InboxService inboxService;
    private final ChatflowService chatflowService;
    private final ResolutionView view;
    private final boolean enabled;

    public DemoSeeder(PortalRepository portals, InboxRepository inboxes, ChatflowRepository chatflows,
                      InboxService inboxService, ChatflowService chatflowService, ResolutionView view,
                      @ConfigProperty(name = "parley.seed-demo") boolean enabled) {
        this.portals = portals;
        this.inboxes = inboxes;
        this.chatflows = chatflows;
        this.inboxService = inboxService;
        this.chatflowService = chatflowService;
        this.view = view;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (enabled) {
            seedNow();
        }
    }

    /** Seeds whatever is missing; what exists is left alone (a restart, or a second call, changes nothing). */
    public void seedNow() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::seedPortals));
        VertxContextSupport.subscribeAndAwait(this::seedChatflows);
    }

    private Uni<Void> seedPortals() {
        return portal(DemoTenants.DEMO, "Demo Inc.", "Europe/Berlin")
                .chain(() -> portal(DemoTenants.OTHER, "Other Ltd.", "America/New_York"));
    }

    private Uni<Void> seedChatflows() {
        return inbox(DemoTenants.DEMO, DemoTenants.DEMO_INBOX, "Demo support")
                .chain(() -> chatflow(DemoTenants.DEMO, DemoTenants.DEMO_WEBSITE_CHATFLOW, "Website chat", "WEBSITE",
                        settings(DemoTenants.DEMO_INBOX, DemoTenants.DEMO_SUPPORT_TEAM, "Demo Inc.", null)))
                .chain(() -> chatflow(DemoTenants.DEMO, DemoTenants.DEMO_MOBILE_CHATFLOW, "Demo app chat", "MOBILE",
                        settings(DemoTenants.DEMO_INBOX, DemoTenants.DEMO_SUPPORT_TEAM, "Demo Inc.",
                                DemoTenants.DEMO_MOBILE_TAG)))
                .chain(() -> inbox(DemoTenants.OTHER, DemoTenants.OTHER_INBOX, "Other support"))
                .chain(() -> chatflow(DemoTenants.OTHER, DemoTenants.OTHER_WEBSITE_CHATFLOW, "Website chat", "WEBSITE",
                        settings(DemoTenants.OTHER_INBOX, DemoTenants.OTHER_SUPPORT_TEAM, "Other Ltd.", null)))
                .chain(() -> view.refresh(DemoTenants.DEMO))
                .chain(() -> view.refresh(DemoTenants.OTHER));
    }

    private Uni<Void> portal(String id, String name, String timeZone) {
        return portals.findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Portal p = new Portal();
            p.id = id;
            p.name = name;
            p.timeZone = timeZone;
            p.createdAt = Instant.now();
            p.accentColor = "#2D6CDF";
            p.widgetPosition = "BOTTOM_RIGHT";
            return portals.persist(p).replaceWithVoid();
        });
    }

    private Uni<Void> inbox(String portalId, String id, String name) {
        return Panache.withSession(() -> inboxes.findById(UUID.fromString(id))).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : inboxService.create(portalId, UUID.fromString(id), new InboxRequest(name, "INBOX", true))
                        .replaceWithVoid());
    }

    private Uni<Void> chatflow(String portalId, String id, String name, String kind, ChatflowSettings settings) {
        UUID uuid = UUID.fromString(id);
        return Panache.withSession(() -> chatflows.findById(uuid)).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : chatflowService.create(portalId, uuid, new ChatflowRequest(name, kind, true, 0, settings))
                        .chain(() -> chatflowService.publish(portalId, uuid)).replaceWithVoid());
    }

    /** Shown everywhere, always available, auto-assigned to the team; implied consent and no email capture. */
    static ChatflowSettings settings(String inboxId, String teamId, String brand, String mobileTag) {
        return new ChatflowSettings("LIVE_CHAT", "en", inboxId, null,
                new ChatflowSettings.Assignment(true, List.of(), List.of(teamId)),
                new ChatflowSettings.EmailCapture("NEVER", null),
                new ChatflowSettings.KnowledgeBase(false, null),
                new ChatflowSettings.Availability("ALWAYS", List.of(), List.of(), "FEW_MINUTES", null, null),
                new ChatflowSettings.Header("BRAND", brand, null, false, List.of(), List.of(), null),
                new ChatflowSettings.Display("PROMPT", "LAUNCHER_ONLY", null, true),
                mobileTag == null ? new ChatflowSettings.Targeting(List.of(), List.of(), List.of()) : null,
                new ChatflowSettings.Consent(new ChatflowSettings.CookieBanner("OFF", null, null),
                        new ChatflowSettings.Processing("LEGITIMATE_INTEREST", null, null),
                        new ChatflowSettings.Communication(false, null, null, null), false),
                null, mobileTag);
    }
}
