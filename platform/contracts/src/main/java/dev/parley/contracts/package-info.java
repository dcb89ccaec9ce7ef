/**
 * Parley's event contracts: the topics, the envelope ({@link dev.parley.contracts.ParleyEvent}), every event record
 * and their JSON. No entities and no logic live here.
 *
 * <p>Small closed sets (sender, consent kind, close reason, availability state) travel as strings rather than Java
 * enums, so that a consumer built before a producer added a value still reads the event; each service validates
 * the values it acts on. Evolution is additive only: fields may be added, never removed or renamed.
 */
package dev.parley.contracts;
