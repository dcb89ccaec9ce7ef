package dev.parley.config.view;

import dev.parley.config.domain.PageContext;
import dev.parley.config.domain.RoutingState;
import dev.parley.config.domain.Visitor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public resolution, answered from memory: each portal's published chatflows compiled and ordered by priority,
 * and routing-service's latest availability state per chatflow. Built from the database at start; refreshed per
 * portal after every committed change of this instance and on every parley.chatflows.v1 event (changes made through
 * any instance); routing states applied from every AvailabilityChanged; rebuilt periodically as a safety net.
 */
@ApplicationScoped
public class ResolutionView {

    private final ViewLoader loader;
    private final Clock clock;
    private final Map<String, PortalState> portals = new ConcurrentHashMap<>();
    private final Map<String, RoutingState> routingStates = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    public ResolutionView(ViewLoader loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** The first enabled website chatflow (by priority) whose targeting matches, rendered for the device. */
    public Optional<Rendered> widget(String portalId, PageContext page, Visitor visitor) {
        PortalState state = portals.get(portalId);
        if (state == null) {
            return Optional.empty();
        }
        return state.resolve(page, visitor).map(e -> render(e, page.device(), visitor.known()));
    }

    /** The enabled mobile chatflow with this tag and the highest priority. */
    public Optional<Rendered> mobile(String portalId, String tag) {
        PortalState state = portals.get(portalId);
        Entry e = state == null ? null : state.mobileByTag().get(tag);
        return Optional.ofNullable(e).map(entry -> render(entry, "PHONE", false));
    }

    private Rendered render(Entry e, String device, boolean identified) {
        return e.render(e.chatflow.availability(routingState(e.chatflow.id()), clock.instant()), device, identified);
    }

    /** routing-service's state for a chatflow (AVAILABLE, AWAY, AT_CAPACITY) as of {@code at}; older ones lose. */
    public void routingState(String chatflowId, String state, Instant at) {
        routingStates.merge(chatflowId, new RoutingState(state, at), RoutingState::latest);
    }

    /** The latest state routing-service announced for the chatflow, null if none. */
    public String routingState(String chatflowId) {
        RoutingState r = routingStates.get(chatflowId);
        return r == null ? null : r.state();
    }

    /** Re-reads one portal; call after the change's transaction committed. */
    public Uni<Void> refresh(String portalId) {
        long ticket = tickets.incrementAndGet();
        return loader.load(portalId, ticket).invoke(this::apply).replaceWithVoid();
    }

    /** Re-reads everything: every portal and every stored availability state. */
    public Uni<Void> rebuild() {
        long ticket = tickets.incrementAndGet();
        return loader.routingStates().invoke(stored -> stored.forEach((id, r) -> routingStates.merge(id, r,
                        RoutingState::latest)))
                .chain(() -> loader.loadAll(ticket))
                .invoke(all -> all.forEach(this::apply))
                .replaceWithVoid();
    }

    private void apply(ViewLoader.Loaded loaded) {
        if (loaded.state() == null) {
            portals.remove(loaded.portalId());
            return;
        }
        PortalState fresh = loaded.state();
        portals.compute(loaded.portalId(), (id, old) -> {
            if (old != null && old.ticket() > fresh.ticket()) {
                return old;
            }
            return old != null && old.fingerprint().equals(fresh.fingerprint()) ? old.renewed(fresh.ticket()) : fresh;
        });
    }

    List<String> portalIds() {
        return List.copyOf(portals.keySet());
    }
}
