package org.godshell.toaster.site.edit;

import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.edit.session.Sessions;
import org.godshell.toaster.site.git.PushAccounts;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.git.Pushes;

/**
 * The editor's routes on the wiki's server: {@code /_login}, {@code /_logout}, {@code /_edit/PATH.md},
 * {@code /_preview}. Any other path is not ours ({@code false}: the next handler, the static site, answers).
 * {@code toaster wiki serve} puts it beside git's smart HTTP; both reach main through the same {@link Pushes}.
 */
public final class WikiEditing extends Handler.Abstract {

    static final String EDIT = "/_edit/";

    private final LoginRoute login;
    private final EditorRoute editor;
    private final Html html;
    private final PushLimits limits;

    public WikiEditing(Repository repository, Pushes pushes, PushAccounts accounts, PushLimits limits,
                       BuildOptions build, Consumer<String> log) {
        this(repository, pushes, accounts, limits, build, new Sessions(Clock.systemUTC()), log);
    }

    WikiEditing(Repository repository, Pushes pushes, PushAccounts accounts, PushLimits limits, BuildOptions build,
                Sessions sessions, Consumer<String> log) {
        this.limits = limits;
        Gate gate = new Gate(sessions);
        html = new Html(build.site().title());
        login = new LoginRoute(accounts, sessions, gate, html, limits, log);
        long maxPage = Math.min(build.limits().maxPageBytes(), limits.maxFileBytes());
        editor = new EditorRoute(repository, gate, html, new Preview(repository, build.limits()),
                new SaveFlow(repository, pushes.saves(), maxPage), limits, maxPage);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        switch (path) {
            case "/_login" -> {
                if (get) {
                    login.form(request, response, callback, QueryNext.of(request), 200, "");
                } else if (post) {
                    login.login(request, response, callback);
                } else {
                    notAllowed(request, response, callback);
                }
            }
            case "/_logout" -> {
                if (post) {
                    login.logout(request, response, callback);
                } else {
                    notAllowed(request, response, callback);
                }
            }
            case "/_preview" -> {
                if (post) {
                    editor.preview(request, response, callback);
                } else {
                    notAllowed(request, response, callback);
                }
            }
            default -> {
                if (!path.startsWith(EDIT)) {
                    return false;
                }
                edit(request, response, callback, path.substring(EDIT.length()), get, post);
            }
        }
        return true;
    }

    private void edit(Request request, Response response, Callback callback, String rest, boolean get,
                      boolean post) throws Exception {
        switch (EditPath.ofUrl(rest, limits)) {
            case EditPath.Invalid invalid -> html.note(request, response, callback, rest.endsWith(".md") ? 400 : 404,
                    "/", "Not a page", "This is not the address of a page that can be edited: "
                    + invalid.reason() + ".");
            case EditPath.Valid valid when get -> editor.open(request, response, callback, valid.path());
            case EditPath.Valid valid when post -> editor.post(request, response, callback, valid.path());
            case EditPath.Valid valid -> notAllowed(request, response, callback);
        }
    }

    private void notAllowed(Request request, Response response, Callback callback) {
        response.getHeaders().put("Allow", "GET, HEAD, POST");
        Html.write(response, callback, 405, "text/plain; charset=utf-8", "method not allowed here\n");
    }
}
