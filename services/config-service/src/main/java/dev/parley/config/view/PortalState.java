package dev.parley.config.view;

import dev.parley.config.domain.PageContext;
import dev.parley.config.domain.Priority;
import dev.parley.config.domain.PublicConfig;
import dev.parley.config.domain.Visitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One portal's resolution state, immutable and swapped whole. {@code ticket} orders concurrent refreshes: a refresh
 * that started earlier never replaces the result of one that started later.
 *
 * <p>Which chatflow an anonymous visitor gets depends only on the page address, its query and the device, so those
 * answers are memoised here (bounded; dropped with the state on every change). Visitors with filter input are
 * resolved afresh.
 */
record PortalState(long ticket, String fingerprint, PublicConfig.Appearance appearance, List<Entry> website,
                   Map<String, Entry> mobileByTag, Map<String, Optional<Entry>> anonymous) {

    static final int MEMO_LIMIT = 10_000;

    PortalState(long ticket, String fingerprint, PublicConfig.Appearance appearance, List<Entry> website,
                Map<String, Entry> mobileByTag) {
        this(ticket, fingerprint, appearance, website, mobileByTag, new ConcurrentHashMap<>());
    }

    /** The same content under a newer ticket: a rebuild that found nothing new keeps the memoised answers. */
    PortalState renewed(long newTicket) {
        return new PortalState(newTicket, fingerprint, appearance, website, mobileByTag, anonymous);
    }

    Optional<Entry> resolve(PageContext page, Visitor visitor) {
        if (visitor != Visitor.ANONYMOUS || page.raw().length() > 1024) {
            return first(page, visitor);
        }
        String key = page.device() + ' ' + page.raw();
        Optional<Entry> hit = anonymous.get(key);
        if (hit != null) {
            return hit;
        }
        Optional<Entry> fresh = first(page, visitor);
        if (anonymous.size() >= MEMO_LIMIT) {
            anonymous.clear();
        }
        anonymous.put(key, fresh);
        return fresh;
    }

    private Optional<Entry> first(PageContext page, Visitor visitor) {
        return Priority.first(website, e -> e.chatflow.targeting().matches(page, visitor));
    }
}
