package dev.parley.contracts;

/** A record that is not a Parley event at all: invalid JSON, or no type, eventId or portalId. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
