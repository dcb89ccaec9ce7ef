package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#PRIVACY}: erasure and export requests and each service's part, in the subject's order. */
public sealed interface PrivacyEvent extends ParleyEvent
        permits ErasureRequested, ExportRequested, ErasureCompleted, ExportPart {

    String subject();

    @Override
    default String key() {
        return subject();
    }

    @Override
    default String topic() {
        return Topics.PRIVACY;
    }
}
