package org.godshell.toaster.site.edit;

import org.eclipse.jetty.server.Request;
import org.godshell.toaster.site.edit.form.Form;
import org.godshell.toaster.site.edit.form.FormParser;

/** The {@code next} parameter of {@code /_login?next=...}: where to go after logging in ("" when absent or bad). */
final class QueryNext {

    private QueryNext() {
    }

    static String of(Request request) {
        String query = request.getHttpURI().getQuery();
        if (query == null || query.isEmpty()) {
            return "";
        }
        try {
            Form form = FormParser.parse(query.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return form.text("next");
        } catch (FormParser.Malformed e) {
            return "";
        }
    }
}
