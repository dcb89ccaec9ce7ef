package dev.parley.routing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.EventJson;
import dev.parley.kit.privacy.PrivacyPart;
import dev.parley.kit.privacy.PrivacySubject;
import dev.parley.kit.sql.Sql;
import dev.parley.routing.store.RoutingStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * routing-service's share of a privacy request. The only personal data it holds is the contact's email, as the
 * {@code contact_key} of the conversations it routed and of the contact-owner record (which agent last handled the
 * contact). Erasure removes both: the routing history (which agent had which conversation, when) stays, without the
 * contact. routing-service never sees visitor ids, so a request naming a visitor id finds nothing here — the email
 * that visitor gave is erased when the request names it (conversation-service and consent-service resolve the
 * links).
 */
@ApplicationScoped
public class RoutingPrivacyPart implements PrivacyPart {

    private final RoutingStore store;

    public RoutingPrivacyPart(RoutingStore store) {
        this.store = store;
    }

    @Override
    public Uni<Long> erase(String portalId, PrivacySubject subject) {
        if (!subject.isEmail()) {
            return Uni.createFrom().item(0L);
        }
        // Under the portal's lock, as every writer of its conversations (see RoutingEngine).
        return store.lockPortal(portalId).chain(() -> Sql.update("update routed_conversation set contact_key = null"
                        + " where portal_id = ?1 and contact_key = ?2", portalId, subject.email()))
                .chain(conversations -> Sql.update("delete from contact_owner where portal_id = ?1"
                                + " and contact_key = ?2", portalId, subject.email())
                        .map(owners -> (long) conversations + owners));
    }

    @Override
    public Uni<JsonNode> export(String portalId, PrivacySubject subject) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        if (!subject.isEmail()) {
            return Uni.createFrom().item(data);
        }
        return Sql.rows("select id, chatflow_id, state, agent_id, cast(started_at as text), cast(closed_at as text)"
                        + " from routed_conversation where portal_id = ?1 and contact_key = ?2 order by started_at",
                        portalId, subject.email())
                .chain(conversations -> Sql.rows("select agent_id, contact_key from contact_owner"
                                + " where portal_id = ?1 and contact_key = ?2", portalId, subject.email())
                        .map(owners -> assemble(data, subject.email(), conversations, owners)));
    }

    private static JsonNode assemble(ObjectNode data, String email, List<Object[]> conversations,
                                     List<Object[]> owners) {
        if (conversations.isEmpty() && owners.isEmpty()) {
            return data;
        }
        data.put("contactEmail", email);
        var routed = data.putArray("routedConversations");
        conversations.forEach(r -> routed.addObject().put("conversationId", Sql.str(r[0]))
                .put("chatflowId", Sql.str(r[1])).put("state", Sql.str(r[2])).put("agentId", Sql.str(r[3]))
                .put("startedAt", Sql.str(r[4])).put("closedAt", Sql.str(r[5])));
        owners.forEach(r -> data.put("contactOwnerAgentId", Sql.str(r[0])));
        return data;
    }
}
