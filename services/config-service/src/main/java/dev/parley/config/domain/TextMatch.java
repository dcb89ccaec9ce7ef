package dev.parley.config.domain;

import java.util.regex.Pattern;

/**
 * One comparison of a rule (op + value) against a text. MATCHES patterns are compiled once; evaluation is
 * bounded (see {@link BoundedText}) so a pathological pattern cannot hold a request thread.
 */
public final class TextMatch {

    private final String op;
    private final String value;
    private final Pattern pattern;
    private final boolean canonicalEquality;

    private TextMatch(String op, String value, boolean urlEquality) {
        this.op = op;
        this.value = urlEquality ? PageContext.canonical(value) : value;
        this.pattern = "MATCHES".equals(op) ? Pattern.compile(value) : null;
        this.canonicalEquality = urlEquality;
    }

    /** For URL rules: IS / IS_NOT compare canonical URLs (scheme and host case, trailing slash ignored). */
    public static TextMatch url(String op, String value) {
        return new TextMatch(op, value, true);
    }

    public static TextMatch text(String op, String value) {
        return new TextMatch(op, value, false);
    }

    /** True for the ops that are the negation of another (IS_NOT, NOT_CONTAINS). */
    public boolean negative() {
        return "IS_NOT".equals(op) || "NOT_CONTAINS".equals(op);
    }

    /** The op's positive test; {@link #test} negates it for negative ops. */
    public boolean positive(String text) {
        return switch (op) {
            case "IS", "IS_NOT" -> canonicalEquality ? PageContext.canonical(text).equals(value) : text.equals(value);
            case "CONTAINS", "NOT_CONTAINS" -> text.contains(value);
            case "STARTS_WITH" -> text.startsWith(value);
            case "ENDS_WITH" -> text.endsWith(value);
            case "MATCHES" -> BoundedText.find(pattern, text);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    public boolean test(String text) {
        return negative() != positive(text);
    }

    /** For URL rules: IS / IS_NOT use the page's canonical URL, computed once per request. */
    public boolean test(PageContext page) {
        if (canonicalEquality && ("IS".equals(op) || "IS_NOT".equals(op))) {
            return negative() != page.canonicalUrl().equals(value);
        }
        return test(page.url());
    }
}
