package dev.parley.config.domain;

import java.util.regex.Pattern;

/**
 * Regex evaluation with a step budget: java.util.regex backtracks without limit, and patterns come from admins
 * while the texts come from anonymous visitors. Every character read counts; past the budget the match is
 * abandoned and counts as "no match" (so does a pattern whose recursion exhausts the stack).
 */
final class BoundedText implements CharSequence {

    static final int BUDGET = 200_000;

    private final String text;
    private final int[] steps;

    private BoundedText(String text, int[] steps) {
        this.text = text;
        this.steps = steps;
    }

    static boolean find(Pattern pattern, String text) {
        try {
            return pattern.matcher(new BoundedText(text, new int[1])).find();
        } catch (BudgetExceeded e) {
            return false;
        } catch (StackOverflowError e) {
            // Nested quantifiers recurse per character; a request thread survives this, the match counts as none.
            return false;
        }
    }

    @Override
    public char charAt(int index) {
        if (++steps[0] > BUDGET) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), steps);
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }
}
