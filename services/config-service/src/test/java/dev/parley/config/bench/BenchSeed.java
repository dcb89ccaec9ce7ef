package dev.parley.config.bench;

import dev.parley.config.domain.SettingsDefaults;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.TargetRule;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seeds portal {@code bench} with 50 published website chatflows of 20 rules each (16 inclusion rules cycling
 * through every URL op and query parameters, 4 exclusions including a regex and a device rule), straight into
 * config-service's tables; the service's periodic view rebuild picks them up. Chatflow {@code i} has priority
 * {@code 100 - i}; the benchmark URL matches only the last one, so a resolution evaluates every rule.
 */
public final class BenchSeed {

    static final int CHATFLOWS = 50;
    static final int INCLUSIONS = 16;

    private BenchSeed() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            c.setAutoCommit(false);
            c.createStatement().execute("insert into portal (id, name, time_zone) values ('bench', 'Bench',"
                    + " 'Europe/Berlin') on conflict do nothing");
            String inbox = UUID.randomUUID().toString();
            c.createStatement().execute("insert into inbox (id, portal_id, name, kind, chat_connected) values ('"
                    + inbox + "', 'bench', 'Bench', 'INBOX', true)");
            for (int i = 0; i < CHATFLOWS; i++) {
                insert(c, i, inbox);
            }
            c.commit();
        }
        System.out.println("seeded " + CHATFLOWS + " chatflows x " + (INCLUSIONS + 4) + " rules");
    }

    private static void insert(Connection c, int i, String inbox) throws Exception {
        UUID id = UUID.randomUUID();
        ChatflowSettings draft = new ChatflowSettings("LIVE_CHAT", "en", inbox, "Hello from chatflow " + i,
                null, null, null, null, null, null,
                new ChatflowSettings.Targeting(rules(i), exclusions(), List.of()), null, null, null);
        ChatflowSettings effective = SettingsDefaults.effective(draft, "WEBSITE", "Bench");
        Instant now = Instant.now();
        ChatflowSnapshot snapshot = new ChatflowSnapshot(id.toString(), "bench", 1, "WEBSITE", "Bench " + i, true,
                100 - i, "Europe/Berlin", now, effective);
        try (PreparedStatement ps = c.prepareStatement("insert into chatflow (id, portal_id, name, kind, enabled,"
                + " priority, settings, published_version) values (?, 'bench', ?, 'WEBSITE', true, ?,"
                + " cast(? as jsonb), 1)")) {
            ps.setObject(1, id);
            ps.setString(2, "Bench " + i);
            ps.setInt(3, 100 - i);
            ps.setString(4, EventJson.mapper().writeValueAsString(draft));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into chatflow_version (chatflow_id, version,"
                + " snapshot, published_at) values (?, 1, cast(? as jsonb), ?)")) {
            ps.setObject(1, id);
            ps.setString(2, EventJson.mapper().writeValueAsString(snapshot));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    static List<TargetRule> rules(int i) {
        List<TargetRule> rules = new ArrayList<>();
        for (int j = 0; j < INCLUSIONS; j++) {
            rules.add(switch (j % 6) {
                case 0 -> new TargetRule("URL", "IS", null, "https://bench.test/c" + i + "/is/" + j);
                case 1 -> new TargetRule("URL", "CONTAINS", null, "/c" + i + "/contains/" + j + "/");
                case 2 -> new TargetRule("URL", "STARTS_WITH", null, "https://bench.test/c" + i + "/starts/" + j);
                case 3 -> new TargetRule("URL", "ENDS_WITH", null, "/c" + i + "/ends/" + j);
                case 4 -> new TargetRule("URL", "MATCHES", null, "^https://bench\\.test/c" + i + "/re/[0-9]+/" + j
                        + "$");
                default -> new TargetRule("QUERY_PARAM", "IS", "campaign", "c" + i + "-" + j);
            });
        }
        return rules;
    }

    static List<TargetRule> exclusions() {
        return List.of(new TargetRule("URL", "CONTAINS", null, "/privacy"),
                new TargetRule("URL", "MATCHES", null, "/admin(/.*)?$"),
                new TargetRule("QUERY_PARAM", "IS", "preview", "1"),
                new TargetRule("DEVICE", "IS", null, "PHONE"));
    }
}
