package dev.parley.contracts;

import java.util.Optional;

/**
 * The values of the small closed sets that events carry as strings (why strings: see {@code package-info}).
 * Producers write {@code Sender.AGENT.name()}; consumers read with {@link #parse}, which never throws.
 */
public final class Vocabulary {

    public enum Channel { WEB, MOBILE }

    public enum ChatflowKind { WEBSITE, MOBILE }

    public enum Sender { VISITOR, AGENT, BOT, SYSTEM }

    public enum ConsentKind { COOKIES, PROCESSING, COMMUNICATION }

    public enum ConsentBasis { EXPLICIT, LEGITIMATE_INTEREST }

    public enum ClosedBy { AGENT, VISITOR, INACTIVITY, SYSTEM }

    public enum AgentStatus { AVAILABLE, AWAY }

    public enum AvailabilityState { AVAILABLE, AWAY, AT_CAPACITY }

    private Vocabulary() {
    }

    /** Empty for null or for a value a newer producer added, which the caller then treats as it sees fit. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
