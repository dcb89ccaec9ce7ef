package dev.parley.conversation.ws;

import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.conversation.service.Snapshots;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The ASSIGNED state frame: the agent's name and avatar, or the brand alias when the chatflow's header says so. */
@ApplicationScoped
public class StateFrames {

    private final Hub hub;
    private final Snapshots snapshots;
    private final dev.parley.conversation.service.MessageLog log;

    public StateFrames(Hub hub, Snapshots snapshots, dev.parley.conversation.service.MessageLog log) {
        this.hub = hub;
        this.snapshots = snapshots;
        this.log = log;
    }

    public Uni<Void> assigned(ConversationAssigned a) {
        return log.find(a.conversationId()).chain(c -> c.isEmpty() ? Uni.createFrom().voidItem()
                : snapshots.settings(c.get().chatflowId(), c.get().chatflowVersion()).invoke(s -> {
                    var header = s.map(x -> x.header()).orElse(null);
                    boolean alias = header != null && header.brandAsAgentAlias();
                    String name = alias ? header.brandName() : a.agentDisplayName();
                    String avatar = alias ? header.brandImageUrl() : a.agentAvatarUrl();
                    hub.broadcast(a.portalId(), a.conversationId(), Frames.state(a.conversationId(), "ASSIGNED",
                            null, null, name, avatar), true);
                }).replaceWithVoid());
    }
}
