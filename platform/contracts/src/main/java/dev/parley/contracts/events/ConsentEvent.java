package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#CONSENTS}: the consent ledger, keyed by the contact's email when known, else by the visitor id. */
public sealed interface ConsentEvent extends ParleyEvent
        permits ConsentRecorded, ConsentWithdrawn {

    String subjectVisitorId();

    String subjectEmail();

    /** A contact's entries stay in one order across all their visitor ids; anonymous visitors have only theirs. */
    @Override
    default String key() {
        return subjectEmail() != null ? subjectEmail() : subjectVisitorId();
    }

    @Override
    default String topic() {
        return Topics.CONSENTS;
    }
}
