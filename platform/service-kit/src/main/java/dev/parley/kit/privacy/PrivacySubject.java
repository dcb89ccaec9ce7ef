package dev.parley.kit.privacy;

import java.util.Locale;

/**
 * Who a privacy request is about: a contact email (normalised to lower case) or a visitor id. Every service matches
 * what it holds against one of the two; a service that links visitors to emails (conversation-service) matches both.
 */
public record PrivacySubject(String raw, String email, String visitorId) {

    /** {@code subject} as it travels in ErasureRequested / ExportRequested. */
    public static PrivacySubject parse(String subject) {
        String trimmed = subject == null ? "" : subject.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a privacy subject must not be blank");
        }
        return trimmed.contains("@")
                ? new PrivacySubject(trimmed, trimmed.toLowerCase(Locale.ROOT), null)
                : new PrivacySubject(trimmed, null, trimmed);
    }

    public boolean isEmail() {
        return email != null;
    }
}
