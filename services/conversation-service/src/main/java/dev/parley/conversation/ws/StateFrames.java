package dev.parley.conversation.ws;

import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.conversation.domain.PostPolicy;
import dev.parley.conversation.service.Snapshots;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * State frames that need the conversation: ASSIGNED (the agent's name and avatar, or the brand alias when the
 * chatflow's header says so) and QUEUED (with the email-capture prompt of a chatflow that asks "when no agent is
 * available").
 */
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

    /**
     * QUEUED with position and wait to everyone following the conversation and its portal's agents; when the
     * chatflow captures email WHEN_NO_AGENT and the visitor has given none, the visitor's sockets on this instance
     * also get the EMAIL_CAPTURE prompt — once per socket, not at every position update.
     */
    public Uni<Void> queued(ConversationQueued q) {
        hub.broadcast(q.portalId(), q.conversationId(), Frames.state(q.conversationId(), "QUEUED", q.position(),
                q.estimatedWaitSeconds(), null, null), true);
        List<Peer> visitors = hub.visitorsFollowing(q.conversationId());
        if (visitors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return log.find(q.conversationId()).chain(c -> c.isEmpty() || !PostPolicy.askEmailWhenNoAgent(c.get())
                ? Uni.createFrom().voidItem()
                : snapshots.settings(c.get().chatflowId(), c.get().chatflowVersion()).invoke(s -> s.ifPresent(
                        settings -> visitors.forEach(p -> {
                            if (p.firstTime("email:" + q.conversationId())) {
                                p.sendFrame(Frames.prompt(q.conversationId(), "EMAIL_CAPTURE",
                                        VisitorSteps.emailPrompt(settings), null));
                            }
                        }))).replaceWithVoid());
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
