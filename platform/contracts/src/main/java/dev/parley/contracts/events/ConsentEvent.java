package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Consent ledger entries, key: the contact email when known, else the visitor id. */
public sealed interface ConsentEvent extends ParleyEvent
        permits ConsentRecorded, ConsentWithdrawn {

    @Override
    default String topic() {
        return Topics.CONSENTS;
    }
}
