package dev.parley.consent.api;

import dev.parley.kit.api.ProblemException;
import dev.parley.kit.privacy.PrivacySubject;

/** A subject named in a request: an email or a visitor id, bounded like the ledger's columns. */
final class Subject {

    private Subject() {
    }

    static PrivacySubject parse(String subject) {
        if (subject == null || subject.isBlank()) {
            throw ProblemException.badRequest("subject", "subject (an email or a visitor id) is required");
        }
        if (subject.length() > 320 || subject.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("subject", "subject is at most 320 characters, without control"
                    + " characters");
        }
        return PrivacySubject.parse(subject);
    }
}
