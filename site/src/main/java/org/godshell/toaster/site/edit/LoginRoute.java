package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.edit.form.Form;
import org.godshell.toaster.site.edit.session.Cookies;
import org.godshell.toaster.site.edit.session.LoginTokens;
import org.godshell.toaster.site.edit.session.Secrets;
import org.godshell.toaster.site.edit.session.Session;
import org.godshell.toaster.site.edit.session.Sessions;
import org.godshell.toaster.site.edit.session.Transport;
import org.godshell.toaster.site.git.Login;
import org.godshell.toaster.site.git.PushAccounts;
import org.godshell.toaster.site.git.PushLimits;

/**
 * {@code GET/POST /_login} and {@code POST /_logout}. The accounts are those of {@code git push}
 * ({@link PushAccounts}: the user store, {@code control/wikieditors}, the AUTH throttle); a password is taken only
 * where it cannot be read on the way ({@link Transport}), and the login form carries its own CSRF token
 * ({@link LoginTokens}). A login opens a new session (a fresh id, never one the browser brought).
 */
final class LoginRoute {

    private static final Set<String> LOGIN_FIELDS = Set.of("user", "password", "csrf", "next");

    /**
     * A user name, a password, a token and an editor's address are far below this; the login form is read before
     * anyone is known, so it gets no more than this (413 past it), not the editor's {@link Gate#FORM_LIMIT}.
     */
    static final int LOGIN_FORM_LIMIT = 8 << 10;

    private final PushAccounts accounts;
    private final Sessions sessions;
    private final LoginTokens tokens = new LoginTokens();
    private final Gate gate;
    private final Html html;
    private final PushLimits limits;
    private final Consumer<String> log;

    LoginRoute(PushAccounts accounts, Sessions sessions, Gate gate, Html html, PushLimits limits,
               Consumer<String> log) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.gate = gate;
        this.html = html;
        this.limits = limits;
        this.log = log;
    }

    void form(Request request, Response response, Callback callback, String next, int status, String problem)
            throws IOException {
        if (!Transport.passwordMayTravel(request.isSecure(), Gate.client(request))) {
            refuseTransport(request, response, callback);
            return;
        }
        String nonce = Secrets.random();
        response.getHeaders().add("Set-Cookie", Cookies.set(Cookies.LOGIN, request.isSecure(), nonce, 3600));
        Map<String, Object> model = html.model("");
        model.put("login", Map.of("csrf", tokens.token(nonce), "next", next(next), "problem", problem));
        html.send(request, response, callback, status, "edit-login.ftlh", model);
    }

    void login(Request request, Response response, Callback callback) throws IOException {
        if (!Transport.passwordMayTravel(request.isSecure(), Gate.client(request))) {
            refuseTransport(request, response, callback);
            return;
        }
        Optional<Gate.Failed> foreign = Gate.crossOrigin(request);
        Gate.Checked checked = foreign.isPresent() ? foreign.get() : Gate.form(request, LOGIN_FIELDS, LOGIN_FORM_LIMIT);
        if (checked instanceof Gate.Failed failed) {
            html.note(request, response, callback, failed.status(), "", failed.heading(), failed.text());
            return;
        }
        Form form = ((Gate.Read) checked).form();
        String nonce = Cookies.get(request.getHeaders().get("Cookie"), Cookies.name(Cookies.LOGIN,
                request.isSecure())).orElse(null);
        if (!tokens.matches(nonce, form.text("csrf"))) {
            html.note(request, response, callback, 403, "", "Refused", "The login form's security token is "
                    + "missing or wrong (the form is too old, or it was not this wiki's). Open the login page again.");
            return;
        }
        String user = form.text("user").strip();
        Optional<InetAddress> client = Gate.client(request);
        char[] password = form.text("password").toCharArray();
        Login login = client.isPresent() ? accounts.verify(user, password, client.get()) : new Login.Refused();
        Arrays.fill(password, '\0');
        switch (login) {
            case Login.Accepted accepted -> {
            }
            case Login.Refused refused -> {
                log.accept("editor login: authentication failed for " + printable(user) + " from "
                        + Request.getRemoteAddr(request));
                form(request, response, callback, form.text("next"), 401, "Wrong user name or password.");
                return;
            }
            case Login.Throttled throttled -> {
                refuseThrottled(request, response, callback, throttled.retryAfter());
                return;
            }
            case Login.Unavailable unavailable -> {
                log.accept("editor login: the accounts cannot be checked now, for " + printable(user));
                response.getHeaders().put("Retry-After", Long.toString(Login.Unavailable.RETRY_SECONDS));
                form(request, response, callback, form.text("next"), 503, "Passwords cannot be checked right now;"
                        + " try again in a minute.");
                return;
            }
        }
        if (!accounts.isEditor(user)) {
            html.note(request, response, callback, 403, "", "Not a wiki editor", user + " is not a wiki editor; "
                    + "ask the admin to add the account to control/wikieditors.");
            return;
        }
        gate.session(request).ifPresent(previous -> sessions.close(previous.id()));
        Session session = sessions.open(user);
        long maxAge = Sessions.ABSOLUTE.toSeconds();
        response.getHeaders().add("Set-Cookie", Cookies.set(Cookies.SESSION, request.isSecure(), session.id(),
                maxAge));
        response.getHeaders().add("Set-Cookie", Cookies.set(Cookies.LOGIN, request.isSecure(), "", 0));
        log.accept("editor login: " + printable(user) + " from " + Request.getRemoteAddr(request));
        Html.seeOther(response, callback, next(form.text("next")));
    }

    void logout(Request request, Response response, Callback callback) throws IOException {
        Gate.Checked checked = gate.post(request, Set.of("csrf"));
        if (checked instanceof Gate.Failed failed) {
            html.note(request, response, callback, failed.status(), "", failed.heading(), failed.text());
            return;
        }
        sessions.close(((Gate.Passed) checked).session().id());
        response.getHeaders().add("Set-Cookie", Cookies.set(Cookies.SESSION, request.isSecure(), "", 0));
        Html.seeOther(response, callback, "/");
    }

    /** Only back to an editor of this wiki: never an open redirect to another site. */
    String next(String wanted) {
        if (wanted != null && wanted.startsWith("/_edit/") && EditPath.ofUrl(wanted.substring(7), limits)
                instanceof EditPath.Valid) {
            return wanted;
        }
        return "/";
    }

    private void refuseTransport(Request request, Response response, Callback callback) throws IOException {
        html.note(request, response, callback, 403, "", "Log in over HTTPS", "Logging in needs HTTPS: a password "
                + "sent over plain HTTP could be read on the way. Use the https:// address of this wiki.");
    }

    /** RFC 6585 §4: 429 with Retry-After (RFC 9110 §10.2.3); the password was not checked. */
    private void refuseThrottled(Request request, Response response, Callback callback, Duration wait)
            throws IOException {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        log.accept("editor login: refused, too many failed logins from " + Request.getRemoteAddr(request));
        response.getHeaders().put("Retry-After", Long.toString(seconds));
        html.note(request, response, callback, 429, "", "Too many failed logins", "Too many failed logins from "
                + "your address: no password is checked from it for " + (seconds < 60 ? seconds + " more seconds"
                : (seconds + 59) / 60 + " more minute(s)") + "; try again after that. (A wrong password was given "
                + "before, not necessarily this one.)");
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
