package dev.parley.conversation.ws;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed client frame with typed field access; a missing or mistyped field is a {@link Bad} frame. */
final class Frame {

    /** The frame cannot be applied: answered with an error frame of {@code code}, nothing changed. */
    static final class Bad extends RuntimeException {
        final String code;

        Bad(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    final JsonNode node;
    final String type;
    final String ref;

    private Frame(JsonNode node, String type, String ref) {
        this.node = node;
        this.type = type;
        this.ref = ref;
    }

    static Frame parse(String text) {
        JsonNode node;
        try {
            node = Frames.JSON.readTree(text);
        } catch (Exception e) {
            throw new Bad("bad_frame", "not a JSON object");
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new Bad("bad_frame", "a frame is a JSON object with a string type");
        }
        JsonNode ref = node.get("ref");
        if (ref != null && !ref.isTextual() && !ref.isNull()) {
            throw new Bad("bad_frame", "ref must be a string");
        }
        return new Frame(node, node.get("type").asText(), ref == null || ref.isNull() ? null : ref.asText());
    }

    String str(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Bad("bad_frame", field + " must be a non-empty string");
        }
        if (v.asText().length() > 200 && !"text".equals(field) && !"comment".equals(field)
                && !"pageUrl".equals(field) && !"token".equals(field)) {
            throw new Bad("bad_frame", field + " is too long");
        }
        return v.asText();
    }

    String optStr(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : str(field);
    }

    long lng(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new Bad("bad_frame", field + " must be a non-negative integer");
        }
        return v.asLong();
    }

    boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new Bad("bad_frame", field + " must be a boolean");
        }
        return v.asBoolean();
    }
}
