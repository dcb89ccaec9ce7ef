package dev.parley.config.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Priority among a portal's chatflows: the higher {@code priority} wins; on a tie the older chatflow wins, then the
 * smaller id, so the answer never depends on storage or insertion order.
 */
public final class Priority {

    /** What ordering needs to know of a candidate. */
    public interface Ranked {
        int priority();

        Instant createdAt();

        String id();
    }

    public static final Comparator<Ranked> ORDER = Comparator.comparingInt(Ranked::priority).reversed()
            .thenComparing(Ranked::createdAt).thenComparing(Ranked::id);

    private Priority() {
    }

    public static <T extends Ranked> List<T> sorted(List<T> candidates) {
        return candidates.stream().sorted(ORDER).toList();
    }

    /** The first of {@code sortedCandidates} (already in {@link #ORDER}) that is enabled and matches. */
    public static <T> Optional<T> first(List<T> sortedCandidates, Predicate<T> matches) {
        for (T c : sortedCandidates) {
            if (matches.test(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
