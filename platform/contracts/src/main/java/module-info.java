/**
 * A named module only so that {@link dev.parley.contracts.ParleyEvent} can be sealed over the topic interfaces of
 * {@code dev.parley.contracts.events} (an unnamed module would force all of them into one package). Services still
 * use the jar from the class path.
 */
module dev.parley.contracts {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.parley.contracts;
    exports dev.parley.contracts.events;
    exports dev.parley.contracts.chatflow;

    // Jackson builds the records reflectively.
    opens dev.parley.contracts to com.fasterxml.jackson.databind;
    opens dev.parley.contracts.events to com.fasterxml.jackson.databind;
    opens dev.parley.contracts.chatflow to com.fasterxml.jackson.databind;
}
