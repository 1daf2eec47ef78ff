package dev.proxima.config;

import com.typesafe.config.ConfigOrigin;

/** How configuration places and untrusted text appear in one-line messages. */
public final class ConfigText {
    /** Longest message printed; the rest of a longer one is cut (a binary file can make a huge one). */
    static final int MAX_MESSAGE = 600;

    private ConfigText() {}

    /** True for a value of the bundled defaults ({@code conf/application.conf} on the classpath). */
    static boolean isDefault(ConfigOrigin origin) {
        return origin.resource() != null || origin.description().startsWith("application.conf @");
    }

    /** "my.conf: 3", "command line", or "conf/application.conf: 57" for the bundled defaults. */
    public static String origin(ConfigOrigin origin) {
        if (isDefault(origin)) {
            return "conf/application.conf" + (origin.lineNumber() > 0 ? ": " + origin.lineNumber() : "");
        }
        if (origin.filename() != null) {
            return origin.filename() + (origin.lineNumber() > 0 ? ": " + origin.lineNumber() : "");
        }
        return origin.description();
    }

    /**
     * The text with every non-printable character written as an escape ({@code \n}, {@code \t},
     * {@code \x1b}, {@code \u2028}), cut to {@link #MAX_MESSAGE} characters: a message stays one
     * readable line whatever bytes a bad file held.
     */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < MAX_MESSAGE; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (unreadable(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_MESSAGE) {
            b.setLength(MAX_MESSAGE);
            b.append("... (cut)");
        }
        return b.toString();
    }

    /** C1 controls, separators, format characters, surrogates, unassigned code points and U+FFFD. */
    private static boolean unreadable(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || c == '\ufffd' || Character.isSurrogate(c) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT || type == Character.UNASSIGNED;
    }
}
