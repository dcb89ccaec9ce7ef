package dev.parley.config.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page a widget asks from, parsed once per request. URL rules compare against {@link #url()}: the address
 * without its query string and fragment (query parameters have their own rules), scheme and host lower-cased;
 * {@code raw} is the address as given, without its fragment.
 */
public record PageContext(String raw, String url, String canonicalUrl, Map<String, List<String>> query,
                          String device) {

    public static PageContext of(String rawUrl, String device) {
        String raw = rawUrl == null ? "" : rawUrl.trim();
        int hash = raw.indexOf('#');
        if (hash >= 0) {
            raw = raw.substring(0, hash);
        }
        int q = raw.indexOf('?');
        String base = q >= 0 ? raw.substring(0, q) : raw;
        String query = q >= 0 ? raw.substring(q + 1) : "";
        String url = normalise(base);
        return new PageContext(raw, url, canonical(url), parseQuery(query), device);
    }

    /** Lower-cases scheme and host (they are case-insensitive); the path keeps its case. */
    static String normalise(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int pathStart = url.indexOf('/', scheme + 3);
        String authority = pathStart < 0 ? url : url.substring(0, pathStart);
        String path = pathStart < 0 ? "" : url.substring(pathStart);
        return authority.toLowerCase(Locale.ROOT) + path;
    }

    /** The form IS / IS_NOT compare: normalised and without a trailing slash, so /pricing and /pricing/ are equal. */
    static String canonical(String url) {
        String n = normalise(url);
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static Map<String, List<String>> parseQuery(String query) {
        if (query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
