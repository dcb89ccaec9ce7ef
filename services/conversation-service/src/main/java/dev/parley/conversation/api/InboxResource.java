package dev.parley.conversation.api;

import dev.parley.conversation.domain.Access;
import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.ConversationService.Post;
import dev.parley.conversation.service.MessageLog;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.conversation.service.MessageLog.Stored;
import dev.parley.conversation.ws.Hub;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The agents' inbox API; the portal is always the token's. Another portal's conversation is 404. */
@Path("/api/v1/conversations")
@RolesAllowed({"agent", "admin"})
public class InboxResource {

    private static final Set<String> STATUSES = Set.of("OPEN", "QUEUED", "ASSIGNED", "CLOSED");

    public record Summary(String id, String visitorId, String chatflowId, int chatflowVersion, String status,
                          String assignedAgentId, long lastSeq, Instant updatedAt) {
    }

    public record Page(List<Summary> items, String nextCursor) {
    }

    /** One entry of a thread; {@code kind} only for SYSTEM entries (ASSIGNED, CONSENT, ...). */
    public record MessageView(long seq, String sender, String senderName, String text, Instant sentAt,
                              String clientMsgId, String kind) {
    }

    public record SendRequest(String text, String clientMsgId) {
    }

    public record Sent(String conversationId, long seq) {
    }

    private final Pool pool;
    private final PortalContext portal;
    private final ConversationService conversations;
    private final MessageLog log;
    private final Hub hub;

    public InboxResource(Pool pool, PortalContext portal, ConversationService conversations, MessageLog log, Hub hub) {
        this.pool = pool;
        this.portal = portal;
        this.conversations = conversations;
        this.log = log;
        this.hub = hub;
    }

    /** Newest activity first; {@code cursor} is the last item's "updatedAt|id" of the previous page. */
    @GET
    public Uni<Page> list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
                          @QueryParam("chatflowId") String chatflowId, @QueryParam("inboxId") String inboxId,
                          @QueryParam("unassigned") boolean unassigned,
                          @QueryParam("updatedSince") String updatedSince, @QueryParam("cursor") String cursor,
                          @QueryParam("limit") Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status", "one of " + STATUSES);
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw ProblemException.badRequest("limit", "1..200");
        }
        String[] after = cursor == null ? null : cursor.split("\\|", 2);
        OffsetDateTime since = time("updatedSince", updatedSince);
        OffsetDateTime afterTime = after == null ? null : time("cursor", after[0]);
        if (after != null && after.length != 2) {
            throw ProblemException.badRequest("cursor", "not a cursor of this API");
        }
        String sql = "select id, visitor_id, chatflow_id, chatflow_version, status, assigned_agent_id, last_seq,"
                + " updated_at from conversation where portal_id = $1"
                + " and ($2::text is null or status = $2) and ($3::text is null or assigned_agent_id = $3)"
                + " and ($4::text is null or chatflow_id = $4) and ($5::text is null or inbox_id = $5)"
                + " and (not $6 or assigned_agent_id is null) and ($7::timestamptz is null or updated_at >= $7)"
                + " and ($8::timestamptz is null or (updated_at, id) < ($8, $9))"
                + " order by updated_at desc, id desc limit $10";
        Tuple args = Tuple.tuple(List.of(portal.portalId())).addString(status).addString(assignee)
                .addString(chatflowId).addString(inboxId).addBoolean(unassigned).addOffsetDateTime(since)
                .addOffsetDateTime(afterTime).addString(after == null ? null : after[1]).addInteger(size);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Summary> items = new ArrayList<>();
            rows.forEach(r -> items.add(new Summary(r.getString("id"), r.getString("visitor_id"),
                    r.getString("chatflow_id"), r.getInteger("chatflow_version"), r.getString("status"),
                    r.getString("assigned_agent_id"), r.getLong("last_seq"),
                    r.getOffsetDateTime("updated_at").toInstant())));
            Summary last = items.size() == size ? items.get(items.size() - 1) : null;
            return new Page(items, last == null ? null : last.updatedAt() + "|" + last.id());
        });
    }

    @GET
    @Path("/{id}/messages")
    public Uni<List<MessageView>> thread(@PathParam("id") String id, @QueryParam("afterSeq") Long afterSeq) {
        if (afterSeq != null && afterSeq < 0) {
            throw ProblemException.badRequest("afterSeq", "a non-negative seq");
        }
        String portalId = portal.portalId();
        return log.find(id).chain(c -> {
            if (c.isEmpty() || !Access.agent(c.get(), portalId)) {
                return Uni.createFrom().failure(ProblemException.notFound("no conversation " + id));
            }
            return log.after(id, afterSeq == null ? 0 : afterSeq, 1000).map(rows -> rows.stream()
                    .map(m -> new MessageView(m.seq(), m.sender(), m.senderName(), m.text(), m.sentAt(),
                            m.clientMsgId(), SystemEntries.SENDER.equals(m.sender()) ? m.senderId() : null))
                    .toList());
        });
    }

    @POST
    @Path("/{id}/messages")
    public Uni<Sent> send(@PathParam("id") String id, SendRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw ProblemException.badRequest("text", "text is required");
        }
        if (request.clientMsgId() != null && request.clientMsgId().length() > 200) {
            throw ProblemException.badRequest("clientMsgId", "at most 200 characters");
        }
        String portalId = portal.portalId();
        Post post = new Post(id, "AGENT", portal.subject(), portal.displayName(), request.clientMsgId(),
                request.text());
        return conversations.post(post, c -> Access.agent(c, portalId)).map(posted -> {
            if (posted.refused()) {
                throw switch (posted.refusal()) {
                    case "not_found" -> ProblemException.notFound("no conversation " + id);
                    case "closed" -> ProblemException.conflict("closed", "the conversation is closed");
                    default -> ProblemException.badRequest("text", posted.refusal());
                };
            }
            if (!posted.duplicate()) {
                hub.message(portalId, new Stored(id, posted.seq(), null, request.clientMsgId(), "AGENT",
                        post.senderId(), post.senderName(), request.text(), posted.sentAt()));
            }
            return new Sent(id, posted.seq());
        });
    }

    @POST
    @Path("/{id}/close")
    public Uni<Void> close(@PathParam("id") String id) {
        String portalId = portal.portalId();
        String subject = portal.subject();
        return owned(id, portalId).chain(() -> conversations.close(id, "AGENT", subject)).replaceWithVoid();
    }

    @POST
    @Path("/{id}/reopen")
    public Uni<Void> reopen(@PathParam("id") String id) {
        String portalId = portal.portalId();
        String subject = portal.subject();
        return owned(id, portalId).chain(() -> conversations.reopen(id, subject)).replaceWithVoid();
    }

    private Uni<Void> owned(String id, String portalId) {
        return log.find(id).chain(c -> c.isPresent() && Access.agent(c.get(), portalId) ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.notFound("no conversation " + id)));
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value.replace(' ', '+'));
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value).atOffset(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ProblemException.badRequest(field, "an ISO-8601 instant");
            }
        }
    }
}
