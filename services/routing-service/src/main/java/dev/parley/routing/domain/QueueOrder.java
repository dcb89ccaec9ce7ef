package dev.parley.routing.domain;

/** FIFO: arrival order only. PRIORITY: higher priority first (identified contacts), then arrival order. */
public enum QueueOrder {
    FIFO, PRIORITY
}
