package dev.parley.routing.store;

import dev.parley.routing.domain.QueueOrder;
import dev.parley.routing.domain.Strategy;

/** A portal's routing settings; {@code rrCursor} is the round robin's last served agent. */
public record RoutingSettings(Strategy strategy, Strategy fallbackStrategy, QueueOrder queueOrder, int graceSeconds,
                              boolean rerouteOnAway, int defaultCapacity, String rrCursor) {

    public static final RoutingSettings DEFAULTS = new RoutingSettings(Strategy.BALANCED, Strategy.BALANCED,
            QueueOrder.FIFO, 30, true, 3, null);
}
