package dev.parley.consent.service;

/** What the ledger did with a {@link Submission}: recorded it, refused it (naming the field), or cannot tell yet. */
public sealed interface Outcome {

    record Recorded(String entryId, boolean withdrawal) implements Outcome {
    }

    record Refused(String field, String reason) implements Outcome {
    }

    /** The named chatflow version is not in the local catalog (yet): nothing can prove what it showed. */
    record UnknownVersion(String chatflowId, int version) implements Outcome {
    }
}
