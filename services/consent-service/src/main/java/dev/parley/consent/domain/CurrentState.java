package dev.parley.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject's current consent, derived from the ledger: per kind (and per subscription type for consent to
 * communicate) the latest answer wins. Nothing is stored: the ledger stays the only record.
 */
public final class CurrentState {

    /** What one ledger entry says, in ledger order ({@code seq}). */
    public record Answer(long seq, String entryId, String kind, String subscriptionType, boolean granted,
                         String chatflowId, int chatflowVersion, Instant recordedAt) {
    }

    /** The latest answer for one kind / subscription type. */
    public record State(String kind, String subscriptionType, boolean granted, String entryId, String chatflowId,
                        int chatflowVersion, Instant since) {
    }

    private CurrentState() {
    }

    public static List<State> of(List<Answer> answers) {
        Map<String, Answer> latest = new LinkedHashMap<>();
        answers.stream().sorted(Comparator.comparingLong(Answer::seq))
                .forEach(a -> latest.put(a.kind() + "\n" + (a.subscriptionType() == null ? "" : a.subscriptionType()),
                        a));
        List<State> states = new ArrayList<>();
        latest.values().stream()
                .sorted(Comparator.comparing(Answer::kind).thenComparing(a -> a.subscriptionType() == null ? ""
                        : a.subscriptionType()))
                .forEach(a -> states.add(new State(a.kind(), a.subscriptionType(), a.granted(), a.entryId(),
                        a.chatflowId(), a.chatflowVersion(), a.recordedAt())));
        return states;
    }
}
