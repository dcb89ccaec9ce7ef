package dev.parley.conversation.ws;

import dev.parley.conversation.service.MessageLog;
import dev.parley.conversation.service.MessageLog.Stored;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This instance's sockets, and delivery of what the fan-out consumers bring to them. Every instance receives every
 * conversation event (its own Kafka consumer group) and hands it to the local sockets that follow the conversation;
 * agents also get the conversations of their portal that are unassigned or assigned to them. A periodic sweep
 * compares each followed conversation's stored last seq with what was delivered, so a Kafka outage or a missed
 * record delays delivery by at most one sweep interval and never loses a message.
 */
@ApplicationScoped
public class Hub {

    private static final Logger LOG = Logger.getLogger(Hub.class);

    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** conversationId → assigned agent id ("" = unassigned), from routing events and lookups. */
    private final Map<String, String> assignees = new ConcurrentHashMap<>();
    private final MessageLog log;
    private final Vertx vertx;
    private final Duration sweepInterval;
    private long timer;

    public Hub(MessageLog log, Vertx vertx,
               @ConfigProperty(name = "parley.delivery.sweep-interval", defaultValue = "PT2S") Duration sweep) {
        this.log = log;
        this.vertx = vertx;
        this.sweepInterval = sweep;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(sweepInterval.toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    Peer add(Peer peer) {
        peers.put(peer.connection.id(), peer);
        return peer;
    }

    Optional<Peer> peer(String connectionId) {
        return Optional.ofNullable(peers.get(connectionId));
    }

    void remove(String connectionId) {
        peers.remove(connectionId);
    }

    /** Open sockets of one visitor on this instance. */
    int sockets(String portalId, String visitorId) {
        int n = 0;
        for (Peer p : peers.values()) {
            if (p.role == Peer.Role.VISITOR && p.portalId.equals(portalId) && p.subject.equals(visitorId)) {
                n++;
            }
        }
        return n;
    }

    public int size() {
        return peers.size();
    }

    /** A MessagePosted from the fan-out. */
    public void message(String portalId, Stored m) {
        for (Peer p : peers.values()) {
            if (p.follows(m.conversationId()) || agentSees(p, portalId, m.conversationId())) {
                p.offer(m);
            }
        }
    }

    /** A non-message frame for everyone following the conversation (and, with {@code agents}, its portal's agents). */
    public void broadcast(String portalId, String conversationId, String frame, boolean agents) {
        for (Peer p : peers.values()) {
            if (p.follows(conversationId) || (agents && agentSees(p, portalId, conversationId))) {
                p.sendFrame(frame);
            }
        }
    }

    /** A frame for the portal's agents who follow or see the conversation, never for its visitor. */
    public void toAgents(String portalId, String conversationId, String frame) {
        for (Peer p : peers.values()) {
            if (p.role == Peer.Role.AGENT && p.portalId.equals(portalId)
                    && (p.follows(conversationId) || agentSees(p, portalId, conversationId))) {
                p.sendFrame(frame);
            }
        }
    }

    public void assigned(String conversationId, String agentId) {
        assignees.put(conversationId, agentId == null ? "" : agentId);
    }

    /** Agents see their portal's unassigned conversations and their own; admins see all of their portal. */
    private boolean agentSees(Peer p, String portalId, String conversationId) {
        if (p.role != Peer.Role.AGENT || !p.portalId.equals(portalId)) {
            return false;
        }
        String assignee = assignees.getOrDefault(conversationId, "");
        return p.admin || assignee.isEmpty() || assignee.equals(p.subject);
    }

    void sweep() {
        Set<String> followed = new HashSet<>();
        peers.values().forEach(p -> p.followed().forEach(followed::add));
        if (followed.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(followed);
        log.lastSeqs(ids).subscribe().with(last -> peers.values().forEach(p -> last.forEach((id, seq) -> {
            if (p.follows(id) && p.delivered(id) < seq) {
                p.known(id, seq);
            }
        })), failure -> LOG.debugf("delivery sweep failed, next one retries: %s", failure.getMessage()));
    }
}
