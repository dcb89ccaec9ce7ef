package dev.parley.kit.demo;

import java.util.List;

/**
 * The demo tenants that {@code ./parley up} and the tests seed, matching the Keycloak realm file
 * ({@code platform/infra/src/main/resources/keycloak/parley-realm.json}): user ids there are fixed so that each
 * service can seed its side (agents, chatflows) with the ids the tokens will carry as {@code sub}.
 */
public final class DemoTenants {

    public record User(String id, String username, String displayName, String portalId, boolean admin) {
    }

    public static final String DEMO = "demo";
    public static final String OTHER = "other";

    public static final User DEMO_ADMIN = new User("d0000000-0000-4000-8000-000000000001", "demo-admin",
            "Dana Admin", DEMO, true);
    public static final User DEMO_AGENT_1 = new User("d0000000-0000-4000-8000-000000000011", "demo-agent-1",
            "Ada Agent", DEMO, false);
    public static final User DEMO_AGENT_2 = new User("d0000000-0000-4000-8000-000000000012", "demo-agent-2",
            "Ben Agent", DEMO, false);
    public static final User DEMO_AGENT_3 = new User("d0000000-0000-4000-8000-000000000013", "demo-agent-3",
            "Cleo Agent", DEMO, false);
    public static final User OTHER_ADMIN = new User("0e000000-0000-4000-8000-000000000001", "other-admin",
            "Olga Admin", OTHER, true);
    public static final User OTHER_AGENT = new User("0e000000-0000-4000-8000-000000000011", "other-agent",
            "Otto Agent", OTHER, false);

    public static final List<User> USERS = List.of(DEMO_ADMIN, DEMO_AGENT_1, DEMO_AGENT_2, DEMO_AGENT_3,
            OTHER_ADMIN, OTHER_AGENT);

    /** routing-service's team of the three demo agents, which the demo chatflows auto-assign to. */
    public static final String DEMO_SUPPORT_TEAM = "d0000000-0000-4000-8000-0000000000e1";
    public static final String OTHER_SUPPORT_TEAM = "0e000000-0000-4000-8000-0000000000e1";

    /** config-service's seeded inboxes and chatflows (ids fixed for walk-throughs and other services' tests). */
    public static final String DEMO_INBOX = "d0000000-0000-4000-8000-0000000000b1";
    public static final String DEMO_WEBSITE_CHATFLOW = "d0000000-0000-4000-8000-0000000000c1";
    public static final String DEMO_MOBILE_CHATFLOW = "d0000000-0000-4000-8000-0000000000c2";
    public static final String DEMO_MOBILE_TAG = "demo-app";
    public static final String OTHER_INBOX = "0e000000-0000-4000-8000-0000000000b1";
    public static final String OTHER_WEBSITE_CHATFLOW = "0e000000-0000-4000-8000-0000000000c1";

    private DemoTenants() {
    }
}
