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
 * record delays delivery by at most two sweep intervals and never loses a message.
 */
@ApplicationScoped
public class Hub {

    private static final Logger LOG = Logger.getLogger(Hub.class);

    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** conversationId → sockets following it; portalId → agent sockets. */
    private final Map<String, Set<Peer>> followers = new ConcurrentHashMap<>();
    private final Map<String, Set<Peer>> agents = new ConcurrentHashMap<>();
    /** The last seqs the previous sweep read (the sweep runs on one timer, never concurrently with itself). */
    private final Map<String, Long> stored = new ConcurrentHashMap<>();
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
        peer.hub = this;
        peers.put(peer.connection.id(), peer);
        if (peer.role == Peer.Role.AGENT) {
            index(agents, peer.portalId, peer);
        }
        return peer;
    }

    Optional<Peer> peer(String connectionId) {
        return Optional.ofNullable(peers.get(connectionId));
    }

    void remove(String connectionId) {
        Peer peer = peers.remove(connectionId);
        if (peer != null) {
            if (peer.role == Peer.Role.AGENT) {
                unindex(agents, peer.portalId, peer);
            }
            peer.followed().forEach(id -> unindex(followers, id, peer));
        }
    }

    /** Called by a peer when it starts following a conversation. */
    void followed(Peer peer, String conversationId) {
        index(followers, conversationId, peer);
    }

    private static void index(Map<String, Set<Peer>> index, String key, Peer peer) {
        index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(peer);
    }

    private static void unindex(Map<String, Set<Peer>> index, String key, Peer peer) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(peer);
            return set.isEmpty() ? null : set;
        });
    }

    /** This instance's visitor sockets that follow the conversation. */
    public List<Peer> visitorsFollowing(String conversationId) {
        return followers.getOrDefault(conversationId, Set.of()).stream().filter(p -> p.role == Peer.Role.VISITOR)
                .toList();
    }

    public int size() {
        return peers.size();
    }

    /** A MessagePosted from the fan-out. */
    public void message(String portalId, Stored m) {
        audience(portalId, m.conversationId(), true).forEach(p -> p.offer(m));
    }

    /** A non-message frame for everyone following the conversation (and, with {@code agents}, its portal's agents). */
    public void broadcast(String portalId, String conversationId, String frame, boolean agents) {
        audience(portalId, conversationId, agents).forEach(p -> p.sendFrame(frame));
    }

    /** A frame for the portal's agents who follow or see the conversation, never for its visitor. */
    public void toAgents(String portalId, String conversationId, String frame) {
        audience(portalId, conversationId, true).stream().filter(p -> p.role == Peer.Role.AGENT)
                .forEach(p -> p.sendFrame(frame));
    }

    /**
     * The sockets a conversation's traffic goes to: those following it, plus (with {@code agents}) the portal's agents
     * who see it. Looked up in the indexes, not by scanning every socket: an instance may hold ~19,000.
     */
    private Set<Peer> audience(String portalId, String conversationId, boolean withAgents) {
        Set<Peer> out = new HashSet<>(followers.getOrDefault(conversationId, Set.of()));
        if (withAgents) {
            for (Peer p : agents.getOrDefault(portalId, Set.of())) {
                if (agentSees(p, portalId, conversationId)) {
                    out.add(p);
                }
            }
        }
        return out;
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

    /**
     * Fills what Kafka did not bring within one sweep interval: a seq counts as missing when it was already stored
     * at the previous sweep and a follower still has not had it, so a fan-out that is merely a little behind is not
     * doubled by database reads. A Kafka outage thus delays delivery by at most two intervals.
     */
    void sweep() {
        if (followers.isEmpty()) {
            stored.clear();
            return;
        }
        List<String> ids = new ArrayList<>(followers.keySet());
        log.lastSeqs(ids).subscribe().with(last -> {
            last.forEach((id, seq) -> {
                long due = Math.min(seq, stored.getOrDefault(id, 0L));
                for (Peer p : followers.getOrDefault(id, Set.of())) {
                    if (p.delivered(id) < due) {
                        p.known(id, due);
                    }
                }
            });
            stored.keySet().retainAll(last.keySet());
            stored.putAll(last);
        }, failure -> LOG.debugf("delivery sweep failed, next one retries: %s", failure.getMessage()));
    }
}
