package dev.parley.routing.messaging;

import dev.parley.contracts.Topics;
import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AgentDisconnected;
import dev.parley.kit.messaging.OutboxRelay;
import dev.parley.kit.messaging.ProcessedEvents;
import dev.parley.routing.service.ChatflowRoutes;
import dev.parley.routing.service.ConversationRouting;
import dev.parley.routing.service.Presence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * routing-service's inputs. Each record is applied once ({@link ProcessedEvents}: effect and event id commit
 * together), so a redelivered ConversationStarted never assigns twice; malformed records go to the topic's DLQ.
 */
@ApplicationScoped
public class RoutingConsumers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RoutingConsumers.class);

    /** At most this many records per transaction (two polls' worth), and at most this many waiting. */
    private static final int MERGED_RECORDS = 2_000;
    private static final int WAITING_RECORDS = 4_000;

    private final ProcessedEvents processed;
    private final ConversationRouting conversations;
    private final Presence presence;
    private final ChatflowRoutes routes;
    private final OutboxRelay relay;
    private final MergedBatches merged = new MergedBatches(this::applyConversations, MERGED_RECORDS, WAITING_RECORDS);

    public RoutingConsumers(ProcessedEvents processed, ConversationRouting conversations, Presence presence,
                            ChatflowRoutes routes, OutboxRelay relay) {
        this.processed = processed;
        this.conversations = conversations;
        this.presence = presence;
        this.routes = routes;
        this.relay = relay;
    }

    /**
     * Conversation events arrive in batches (what one poll returned); the polls that arrive while a transaction runs
     * are merged into the next one ({@link MergedBatches}). One transaction per merged batch, one lock and one queue
     * run per portal in it (see {@link ConversationRouting#apply}). The batch stages its events quietly (no NOTIFY in
     * the transaction): the relay is woken here, once the transaction committed.
     */
    @Incoming("conversations")
    public Uni<Void> onConversations(Message<List<String>> batch) {
        return merged.add(batch);
    }

    private Uni<Void> applyConversations(List<String> jsons) {
        long start = System.nanoTime();
        return processed.consumeAll("routing-service/conversations", Topics.dlq(Topics.CONVERSATIONS), jsons,
                        ConversationRouting::routes, conversations::apply)
                .invoke(() -> {
                    relay.committed();
                    slow(start, jsons.size());
                });
    }

    private static void slow(long start, int records) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > 250) {
            LOG.infof("a batch of %d conversation events took %d ms", records, millis);
        }
    }

    @Incoming("presence")
    public Uni<Void> onPresence(String json) {
        return processed.consume("routing-service/presence", json, event -> {
            if (event instanceof AgentConnected connected) {
                return presence.connected(connected);
            }
            if (event instanceof AgentDisconnected disconnected) {
                return presence.disconnected(disconnected);
            }
            // AgentStatusChanged and AgentCapacityChanged are routing-service's own announcements.
            return Uni.createFrom().voidItem();
        });
    }

    /** A second reader of parley.chatflows.v1 (next to the kit's catalog) keeping each chatflow's rules. */
    @Incoming("chatflow-routes")
    public Uni<Void> onChatflow(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        return processed.consume("routing-service/chatflow-routes", json, routes::apply);
    }
}
