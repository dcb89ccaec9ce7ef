package dev.parley.routing.domain;

/** How a portal picks among eligible agents. CONTACT_OWNER falls back to the portal's fallback strategy. */
public enum Strategy {
    ROUND_ROBIN, BALANCED, CONTACT_OWNER
}
