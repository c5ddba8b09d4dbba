package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.godshell.toaster.site.edit.form.BoundedBody;
import org.godshell.toaster.site.edit.form.Form;
import org.godshell.toaster.site.edit.form.FormParser;
import org.godshell.toaster.site.edit.session.Cookies;
import org.godshell.toaster.site.edit.session.SameOrigin;
import org.godshell.toaster.site.edit.session.Secrets;
import org.godshell.toaster.site.edit.session.Session;
import org.godshell.toaster.site.edit.session.Sessions;
import org.godshell.toaster.site.git.PushAccounts;

/**
 * What every request of the editor passes before its route acts: who it is (the session cookie), and for a POST,
 * in this order, that it comes from this origin, that it belongs to a live session, that its body is a form within
 * the limit, that the form carries the session's CSRF token ({@code csrf}), compared in constant time, and that
 * the session's account is still a wiki editor (checked last, on a body read whole: a refusal before the body is
 * read leaves the connection with unread bytes).
 */
final class Gate {

    /** A page of text is far below this; a form over it is refused unread (413). */
    static final int FORM_LIMIT = 2 << 20;

    /** A request the gate let through, or why not. */
    sealed interface Checked {
    }

    record Passed(Session session, Form form) implements Checked {
    }

    /** A form read, before any session is asked for (the login form). */
    record Read(Form form) implements Checked {
    }

    record Failed(int status, String heading, String text) implements Checked {
    }

    private final Sessions sessions;
    private final PushAccounts accounts;

    Gate(Sessions sessions, PushAccounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    Optional<Session> session(Request request) {
        return Cookies.get(request.getHeaders().get("Cookie"), Cookies.name(Cookies.SESSION, request.isSecure()))
                .flatMap(sessions::find);
    }

    Checked post(Request request, Set<String> fields) throws IOException {
        Optional<Failed> foreign = crossOrigin(request);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Optional<Session> session = session(request);
        if (session.isEmpty()) {
            return new Failed(403, "Not logged in", "Your session has ended (or you never logged in): log in "
                    + "again, then repeat what you did. Text you typed is still in the browser's Back page.");
        }
        Checked form = form(request, fields, FORM_LIMIT);
        if (form instanceof Read read && !Secrets.same(session.get().csrf(), read.form().text("csrf"))) {
            return new Failed(403, "Refused", "The form's security token is missing or wrong (it belongs to "
                    + "another session, or the request did not come from this wiki's editor). Reload the editor.");
        }
        if (!(form instanceof Read read)) {
            return form;
        }
        return revoked(session.get()).<Checked>map(failed -> failed).orElse(new Passed(session.get(), read.form()));
    }

    /**
     * A session outlives a login, not the account's place in {@code control/wikieditors}: the list is read again
     * before every change, as for every push. An account no longer on it (or a list that cannot be read: fail
     * closed) ends the session.
     */
    Optional<Failed> revoked(Session session) {
        boolean editor;
        try {
            editor = accounts.isEditor(session.account());
        } catch (IOException | RuntimeException e) {
            editor = false;
        }
        if (editor) {
            return Optional.empty();
        }
        sessions.close(session.id());
        return Optional.of(new Failed(403, "Not a wiki editor", session.account() + " is not a wiki editor (any "
                + "more, or the editor list cannot be read); nothing was done and the session has ended. Ask the "
                + "admin to add the account to control/wikieditors."));
    }

    static Optional<Failed> crossOrigin(Request request) {
        return SameOrigin.refusal(request.getHeaders().get("Origin"), request.getHeaders().get("Sec-Fetch-Site"),
                SameOrigin.own(request.isSecure(), request.getHttpURI().getAuthority()))
                .map(reason -> new Failed(403, "Refused", "Refused: " + reason + "."));
    }

    /** The body as a form of at most {@code limit} bytes with only the expected fields (session-less: login). */
    static Checked form(Request request, Set<String> fields, int limit) throws IOException {
        if (!BoundedBody.isForm(request)) {
            return new Failed(415, "Not a form", "The request must be a form (application/x-www-form-urlencoded, "
                    + "UTF-8).");
        }
        try {
            Form form = FormParser.parse(BoundedBody.read(request, limit));
            Optional<String> unexpected = form.unexpected(fields);
            if (unexpected.isPresent()) {
                return new Failed(400, "Bad form", "The form has a field this page does not take.");
            }
            return new Read(form);
        } catch (BoundedBody.TooLarge e) {
            return new Failed(413, "Too large", "Refused: " + e.getMessage() + ".");
        } catch (FormParser.Malformed e) {
            return new Failed(400, "Bad form", "Refused: " + e.getMessage() + ".");
        }
    }

    static Optional<InetAddress> client(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? Optional.ofNullable(inet.getAddress()) : Optional.empty();
    }
}
