package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.source.Warning;

/**
 * The editor's pages, from the built-in templates only (a wiki's own templates are not used here: they come
 * from pushes, and the editor's forms carry its CSRF token), in the site's layout, HTML auto-escaped; and the
 * replies that carry them: never cached, since they hold a session's token.
 */
final class Html {

    private final Templates templates = new Templates(Map.of(), new ArrayList<Warning>());
    private final String title;

    Html(String title) {
        this.title = title;
    }

    /** The model's {@code site}: the root ("../" back from the page's URL) and the wiki's title. */
    Map<String, Object> model(String root) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", Map.of("root", root, "title", title));
        return model;
    }

    void send(Request request, Response response, Callback callback, int status, String template,
              Map<String, Object> model) throws IOException {
        write(response, callback, status, "text/html; charset=utf-8", templates.render(template, model));
    }

    /** A page saying one thing, with links back: refusals, errors, notes. */
    void note(Request request, Response response, Callback callback, int status, String root, String heading,
              String text) throws IOException {
        note(request, response, callback, status, root, heading, text, List.of());
    }

    /** The same, with the lines a push would print (checks, warnings, broken links). */
    void note(Request request, Response response, Callback callback, int status, String root, String heading,
              String text, List<String> lines) throws IOException {
        Map<String, Object> model = model(root);
        model.put("note", Map.of("heading", heading, "text", text, "lines", lines));
        send(request, response, callback, status, "edit-note.ftlh", model);
    }

    static void write(Response response, Callback callback, int status, String type, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put("Content-Type", type);
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        if (status >= 400) {
            // A refusal may come before the request's body was read (a missing token, a revoked session): the
            // connection then ends with the answer (RFC 9112 §9.6), and the client must not send on it again.
            response.getHeaders().put("Connection", "close");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** To the login page, which comes back to this page's editor. */
    static void toLogin(Response response, Callback callback, EditPath path) {
        seeOther(response, callback, "/_login?next=" + URLEncoder.encode("/" + path.editorUrl(),
                StandardCharsets.UTF_8));
    }

    /** 303 See Other (RFC 9110 §15.4.4): after a POST, the browser GETs {@code location}. */
    static void seeOther(Response response, Callback callback, String location) {
        response.getHeaders().put("Location", location);
        write(response, callback, 303, "text/plain; charset=utf-8", "See " + location + "\n");
    }
}
