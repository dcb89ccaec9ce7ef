package dev.parley.config.view;

import dev.parley.config.domain.CompiledChatflow;
import dev.parley.config.domain.PublicConfig;
import java.util.List;
import java.util.Map;

/**
 * One portal's resolution state, immutable and swapped whole. {@code ticket} orders concurrent refreshes: a refresh
 * that started earlier never replaces the result of one that started later.
 */
record PortalState(long ticket, PublicConfig.Appearance appearance, List<Entry> website,
                   Map<String, Entry> mobileByTag) {
}
