package dev.parley.kafkabroker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a Kafka broker that dies with the process that started it.
 *
 * <p>The parent keeps our stdin open as a pipe; when the parent dies, even by {@code kill -9}, the pipe reaches
 * end-of-file and we halt. Without this an orphaned broker would hold its port and data-directory lock and stop
 * the next start.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(BrokerMain::haltWhenParentDies, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }

    private static void haltWhenParentDies() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // The parent never writes; any byte is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file.
        }
        Runtime.getRuntime().halt(0);
    }
}
