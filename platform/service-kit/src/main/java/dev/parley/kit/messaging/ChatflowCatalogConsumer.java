package dev.parley.kit.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds {@link ChatflowCatalog} from parley.chatflows.v1 in services built with parley.catalog.enabled=true. */
@ApplicationScoped
@IfBuildProperty(name = "parley.catalog.enabled", stringValue = "true")
public class ChatflowCatalogConsumer {

    private final ChatflowCatalog catalog;
    private final String consumer;

    public ChatflowCatalogConsumer(ChatflowCatalog catalog,
                                   @ConfigProperty(name = "quarkus.application.name") String application) {
        this.catalog = catalog;
        this.consumer = application + "/chatflows";
    }

    @Incoming("chatflows")
    public Uni<Void> onChatflow(String json) {
        return catalog.consume(consumer, json);
    }
}
