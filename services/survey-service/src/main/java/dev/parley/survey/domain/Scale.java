package dev.parley.survey.domain;

import java.util.Optional;

/**
 * The CSAT answer scales. Satisfied = the top two points of five, or the happiest of three faces; a low score (which
 * gets the low-score follow-up) is the bottom two of five, or the saddest face.
 */
public enum Scale {
    FIVE_POINT(1, 5, 4, 2),
    EMOJI_3(1, 3, 3, 1);

    private final int min;
    private final int max;
    private final int satisfiedFrom;
    private final int lowUpTo;

    Scale(int min, int max, int satisfiedFrom, int lowUpTo) {
        this.min = min;
        this.max = max;
        this.satisfiedFrom = satisfiedFrom;
        this.lowUpTo = lowUpTo;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean inRange(int score) {
        return score >= min && score <= max;
    }

    public boolean satisfied(int score) {
        return score >= satisfiedFrom && score <= max;
    }

    public boolean low(int score) {
        return score >= min && score <= lowUpTo;
    }

    public static Optional<Scale> parse(String value) {
        for (Scale s : values()) {
            if (s.name().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
