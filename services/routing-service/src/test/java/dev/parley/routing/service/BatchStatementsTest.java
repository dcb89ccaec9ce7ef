package dev.parley.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The batch consumer's two everyday statements stay short enough for the reactive client's prepared-statement cache
 * (statements over 2,048 characters are parsed by PostgreSQL on every execution); Hibernate turns {@code ?n} into
 * {@code $n}, which keeps the length.
 */
class BatchStatementsTest {

    private static final int CLIENT_CACHE_LIMIT = 2_048;

    @Test
    void theEverydayBatchStatementsFitTheClientsStatementCache() {
        assertThat(ConversationRouting.LAYER.length()).isLessThan(CLIENT_CACHE_LIMIT);
        assertThat(RoutingEngine.APPLY.length()).isLessThan(CLIENT_CACHE_LIMIT);
    }

    @Test
    void theVariantsOnlyAddParts() {
        assertThat(ConversationRouting.LAYER_REOPENS).contains("reopened as (").startsWith(
                ConversationRouting.LAYER.substring(0, ConversationRouting.LAYER.indexOf(" freed as (")));
        assertThat(RoutingEngine.APPLY_ALL).contains("moved as (", "avail as (").startsWith(
                RoutingEngine.APPLY.substring(0, RoutingEngine.APPLY.indexOf(" staged as (")));
        assertThat(ConversationRouting.LAYER).doesNotContain("?5");
        assertThat(RoutingEngine.APPLY).doesNotContain("?7", "?8");
    }
}
