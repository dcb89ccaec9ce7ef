/**
 * Parley's event contracts: the topics ({@link dev.parley.contracts.Topics}), the envelope
 * ({@link dev.parley.contracts.ParleyEvent}), one record per event in {@code dev.parley.contracts.events}, and their
 * JSON ({@link dev.parley.contracts.EventJson}). No entities and no logic live here.
 *
 * <p>Small closed sets (sender, consent kind and basis, who closed, agent status, availability state, channel) travel
 * as strings, not Java enums: a consumer built before a producer added a value must still read the event, and an
 * enum with an {@code UNKNOWN} default would lose the value when the event is stored or passed on. The values live
 * once in {@link dev.parley.contracts.Vocabulary}; {@code Vocabulary.parse} maps a string to its enum and an unknown
 * one to empty, so each service decides what an unknown value means for it.
 *
 * <p>Evolution is additive only: fields and event types may be added, never removed, renamed or retyped. A missing
 * field reads as null (0/false for primitives), an extra field is ignored, an unknown type is an
 * {@link dev.parley.contracts.UnknownEvent}.
 */
package dev.parley.contracts;
