package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Privacy requests and each service's completion, key subject (email or visitor id). */
public sealed interface PrivacyEvent extends ParleyEvent
        permits ErasureRequested, ExportRequested, ErasureCompleted, ExportPart {

    @Override
    default String topic() {
        return Topics.PRIVACY;
    }
}
