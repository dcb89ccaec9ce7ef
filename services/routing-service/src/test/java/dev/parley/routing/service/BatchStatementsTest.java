package dev.parley.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The batch consumer's two everyday statements stay short enough for the reactive client's prepared-statement cache
 * (it caches SQL shorter than 2,048 characters; longer statements are parsed by PostgreSQL on every execution).
 * Hibernate sends every occurrence of a parameter as its own {@code $k}, numbered in order of occurrence, so the
 * length is measured on that text.
 */
class BatchStatementsTest {

    private static final int CLIENT_CACHE_LIMIT = 2_048;
    private static final Pattern PARAMETER = Pattern.compile("\\?\\d+");

    @Test
    void theEverydayBatchStatementsFitTheClientsStatementCache() {
        assertThat(sent(ConversationRouting.LAYER).length()).isLessThan(CLIENT_CACHE_LIMIT);
        assertThat(sent(RoutingEngine.APPLY).length()).isLessThan(CLIENT_CACHE_LIMIT);
        assertThat(sent("select ?1, ?1, ?2")).isEqualTo("select $1, $2, $3");
    }

    @Test
    void theShortVariantsKeepWhatEveryRunNeeds() {
        // The round-robin cursor moves on every assignment: the short statement must save it.
        assertThat(RoutingEngine.APPLY).contains("claimed as (", "c as (", "owners as (", "rr as (", "staged as (")
                .doesNotContain("moved as (", "avail as (", "?7", "?8");
        assertThat(RoutingEngine.APPLY_ALL).contains("moved as (", "avail as (", "?7", "?8")
                .startsWith(RoutingEngine.APPLY.substring(0, RoutingEngine.APPLY.indexOf(" staged as (")))
                .endsWith(RoutingEngine.APPLY.substring(RoutingEngine.APPLY.indexOf(" staged as (")));
        assertThat(ConversationRouting.LAYER).contains("started as (", "old as (", "early as (", "seats as (")
                .doesNotContain("reopened as (", "?5");
        assertThat(ConversationRouting.LAYER_REOPENS).contains("reopened as (", "?5")
                .startsWith(ConversationRouting.LAYER.substring(0,
                        ConversationRouting.LAYER.indexOf(" freed as materialized (")));
    }

    /** The text Hibernate sends: each {@code ?n} occurrence becomes the next {@code $k}. */
    private static String sent(String sql) {
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (m.find()) {
            m.appendReplacement(out, "\\$" + (++k));
        }
        m.appendTail(out);
        return out.toString();
    }
}
