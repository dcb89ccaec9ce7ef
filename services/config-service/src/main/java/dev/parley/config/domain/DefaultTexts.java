package dev.parley.config.domain;

import java.util.Map;

/**
 * The texts a chatflow uses when its admin leaves one empty ("reset to default"), per language. A language without
 * its own texts (or a regional variant such as de-AT) falls back to its base language, then to English.
 */
public final class DefaultTexts {

    public record Texts(String welcome, String emailPrompt, String away, String waiting, String cookieBanner,
                        String processing, String communicationLabel) {
    }

    private static final Texts EN = new Texts(
            "Hi! How can we help you today?",
            "Leave your email so we can follow up if we get disconnected.",
            "We are away right now. Leave a message and we will get back to you.",
            "All our agents are busy. Please wait, someone will be with you shortly.",
            "This chat uses cookies to remember your conversation. Do you accept them?",
            "We process the information you share in this chat to answer your request.",
            "I agree to receive other communications.");
    private static final Map<String, Texts> TEXTS = Map.of(
            "en", EN,
            "de", new Texts(
                    "Hallo! Wie können wir Ihnen helfen?",
                    "Hinterlassen Sie Ihre E-Mail-Adresse, damit wir uns bei Ihnen melden können.",
                    "Wir sind gerade nicht erreichbar. Hinterlassen Sie eine Nachricht, wir melden uns.",
                    "Alle Mitarbeitenden sind im Gespräch. Bitte warten Sie einen Moment.",
                    "Dieser Chat verwendet Cookies, um Ihr Gespräch zu speichern. Akzeptieren Sie das?",
                    "Wir verarbeiten die Angaben aus diesem Chat, um Ihre Anfrage zu beantworten.",
                    "Ich möchte weitere Informationen erhalten."),
            "fr", new Texts(
                    "Bonjour ! Comment pouvons-nous vous aider ?",
                    "Laissez votre e-mail pour que nous puissions vous répondre.",
                    "Nous sommes absents. Laissez un message, nous vous répondrons.",
                    "Tous nos agents sont occupés. Merci de patienter.",
                    "Ce chat utilise des cookies pour garder votre conversation. Les acceptez-vous ?",
                    "Nous traitons les informations partagées dans ce chat pour répondre à votre demande.",
                    "J'accepte de recevoir d'autres communications."),
            "es", new Texts(
                    "¡Hola! ¿En qué podemos ayudarte?",
                    "Déjanos tu correo para poder responderte.",
                    "Ahora no estamos disponibles. Déjanos un mensaje y te responderemos.",
                    "Todos nuestros agentes están ocupados. Espera un momento, por favor.",
                    "Este chat usa cookies para recordar tu conversación. ¿Las aceptas?",
                    "Tratamos la información que compartes en este chat para responder a tu solicitud.",
                    "Acepto recibir otras comunicaciones."));

    private DefaultTexts() {
    }

    public static Texts forLanguage(String language) {
        if (language == null) {
            return EN;
        }
        Texts exact = TEXTS.get(language);
        if (exact != null) {
            return exact;
        }
        int dash = language.indexOf('-');
        return dash > 0 ? TEXTS.getOrDefault(language.substring(0, dash), EN) : EN;
    }
}
