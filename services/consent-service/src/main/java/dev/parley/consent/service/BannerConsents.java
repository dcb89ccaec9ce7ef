package dev.parley.consent.service;

import dev.parley.consent.identity.VisitorTokenVerifier;
import dev.parley.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers posted by the widget itself (the cookie banner before any chat, or on exit intent): the visitor token
 * says who answers and in which portal; the body only names the chatflow version, the step and the text hash.
 */
@ApplicationScoped
public class BannerConsents {

    /** What the widget posts, already checked for shape and size by the resource. */
    public record Answer(String visitorToken, String chatflowId, int chatflowVersion, String kind, boolean granted,
                         String textHash, String language, String subscriptionType, String channel) {
    }

    private final VisitorTokenVerifier tokens;
    private final Ledger ledger;
    private final Refusals refusals;

    public BannerConsents(VisitorTokenVerifier tokens, Ledger ledger, Refusals refusals) {
        this.tokens = tokens;
        this.ledger = ledger;
        this.refusals = refusals;
    }

    public Uni<Outcome.Recorded> submit(Answer a, String ipAddress, String userAgent) {
        return tokens.verify(a.visitorToken()).chain(visitor -> {
            if (visitor.isEmpty()) {
                throw ProblemException.badRequest("visitorToken", "not a valid visitor token");
            }
            Submission s = new Submission(visitor.get().portalId(), visitor.get().visitorId(),
                    visitor.get().email(), a.chatflowId(), a.chatflowVersion(), a.kind(), a.granted(),
                    a.textHash(), a.language(), a.subscriptionType(), a.channel(), Submission.API, null, ipAddress,
                    userAgent);
            return Panache.withTransaction(() -> ledger.append(s)).map(this::recorded);
        });
    }

    private Outcome.Recorded recorded(Outcome outcome) {
        if (outcome instanceof Outcome.Recorded r) {
            return r;
        }
        if (outcome instanceof Outcome.Refused r) {
            refusals.count(Submission.API, r.field());
            throw ProblemException.badRequest(r.field(), r.reason());
        }
        refusals.count(Submission.API, "chatflowVersion");
        throw ProblemException.badRequest("chatflowVersion", "not a published version of this chatflow in the"
                + " visitor's portal");
    }
}
