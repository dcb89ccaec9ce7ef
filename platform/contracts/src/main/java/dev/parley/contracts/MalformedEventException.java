package dev.parley.contracts;

/**
 * A record that is not a Parley event: invalid JSON, no type, eventId or portalId, or a known type with fields of the
 * wrong shape. Consumers send it to the dead-letter topic instead of retrying it.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
