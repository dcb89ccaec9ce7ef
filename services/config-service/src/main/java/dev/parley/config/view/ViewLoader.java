package dev.parley.config.view;

import dev.parley.config.domain.Chatflow;
import dev.parley.config.domain.ChatflowAvailability;
import dev.parley.config.domain.ChatflowVersion;
import dev.parley.config.domain.CompiledChatflow;
import dev.parley.config.domain.Portal;
import dev.parley.config.domain.Priority;
import dev.parley.config.domain.PublicConfig;
import dev.parley.config.domain.RoutingState;
import dev.parley.config.repository.ChatflowAvailabilityRepository;
import dev.parley.config.repository.ChatflowRepository;
import dev.parley.config.repository.ChatflowVersionRepository;
import dev.parley.config.repository.PortalRepository;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads what {@link ResolutionView} holds: published versions with the live enabled/priority of each chatflow. */
@ApplicationScoped
public class ViewLoader {

    /** {@code state} null = the portal does not exist. */
    record Loaded(String portalId, PortalState state) {
    }

    private final PortalRepository portals;
    private final ChatflowRepository chatflows;
    private final ChatflowVersionRepository versions;
    private final ChatflowAvailabilityRepository availability;

    public ViewLoader(PortalRepository portals, ChatflowRepository chatflows, ChatflowVersionRepository versions,
                      ChatflowAvailabilityRepository availability) {
        this.portals = portals;
        this.chatflows = chatflows;
        this.versions = versions;
        this.availability = availability;
    }

    Uni<Loaded> load(String portalId, long ticket) {
        return Panache.withSession(() -> portals.findById(portalId).chain(p -> p == null
                ? Uni.createFrom().item(new Loaded(portalId, null))
                : state(p, ticket).map(s -> new Loaded(portalId, s))));
    }

    Uni<List<Loaded>> loadAll(long ticket) {
        return Panache.withSession(() -> portals.listAll().chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(p -> state(p, ticket).map(s -> new Loaded(p.id, s)))
                .collect().asList()));
    }

    Uni<Map<String, RoutingState>> routingStates() {
        return Panache.withSession(() -> availability.listAll()).map(rows -> rows.stream()
                .collect(Collectors.toMap(r -> r.chatflowId, r -> new RoutingState(r.state, r.changedAt))));
    }

    private Uni<PortalState> state(Portal portal, long ticket) {
        ZoneId zone = ZoneId.of(portal.timeZone);
        PublicConfig.Appearance appearance = new PublicConfig.Appearance(portal.accentColor, portal.widgetPosition);
        return chatflows.published(portal.id).chain(published -> currentVersions(published)
                .map(snapshots -> {
                    List<Entry> entries = published.stream().filter(c -> c.enabled)
                            .filter(c -> snapshots.containsKey(c.id.toString()))
                            .map(c -> new Entry(CompiledChatflow.compile(snapshots.get(c.id.toString()), c.enabled,
                                    c.priority, c.createdAt, zone), appearance))
                            .sorted(Comparator.comparing(e -> e.chatflow, Priority.ORDER))
                            .toList();
                    return new PortalState(ticket, fingerprint(zone, appearance, entries), appearance,
                            website(entries), mobile(entries));
                }));
    }

    private Uni<Map<String, ChatflowSnapshot>> currentVersions(List<Chatflow> published) {
        return Multi.createFrom().iterable(published)
                .onItem().transformToUniAndConcatenate(c -> versions.find(c.id, c.publishedVersion))
                .filter(v -> v != null)
                .map(ChatflowVersion::toSnapshot)
                .collect().asMap(ChatflowSnapshot::chatflowId);
    }

    /** What the state is built from: equal fingerprints mean equal answers (versions are immutable). */
    private static String fingerprint(ZoneId zone, PublicConfig.Appearance appearance, List<Entry> sorted) {
        StringBuilder b = new StringBuilder(zone.getId()).append('|').append(appearance);
        sorted.forEach(e -> b.append('|').append(e.chatflow.id()).append(':').append(e.chatflow.version())
                .append(':').append(e.chatflow.priority()));
        return b.toString();
    }

    private static List<Entry> website(List<Entry> sorted) {
        return sorted.stream().filter(e -> "WEBSITE".equals(e.chatflow.kind())).toList();
    }

    /** The first (highest-priority) enabled chatflow of each mobile tag. */
    private static Map<String, Entry> mobile(List<Entry> sorted) {
        Map<String, Entry> byTag = new LinkedHashMap<>();
        sorted.stream().filter(e -> "MOBILE".equals(e.chatflow.kind()) && e.chatflow.mobileTag() != null)
                .forEach(e -> byTag.putIfAbsent(e.chatflow.mobileTag(), e));
        return Map.copyOf(byTag);
    }
}
