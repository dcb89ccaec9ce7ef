package dev.parley.config.view;

/** A serialised public answer and its strong ETag (quoted, ready for the header). */
public record Rendered(byte[] body, String etag) {
}
