package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
import org.godshell.toaster.site.page.Urls;

/**
 * The editor's routes on the wiki's server: {@code /_login}, {@code /_logout}, {@code /_edit/PATH.md},
 * {@code /_preview}, {@code /_rename/PATH.md}, {@code /_delete/PATH.md}, {@code /_upload/PATH.md}. Any other path is not ours ({@code false}: the next handler, the static site, answers).
 * {@code toaster wiki serve} puts it beside git's smart HTTP; both reach main through the same {@link Pushes}.
 */
public final class WikiEditing extends Handler.Abstract {

    static final String EDIT = "/_edit/";
    static final String RENAME = "/_rename/";
    static final String DELETE = "/_delete/";
    static final String UPLOAD = "/_upload/";

    private final LoginRoute login;
    private final EditorRoute editor;
    private final MoveRoute moves;
    private final UploadRoute uploads;
    private final Html html;
    private final PushLimits limits;
    private final Consumer<String> log;

    public WikiEditing(Repository repository, Pushes pushes, PushAccounts accounts, PushLimits limits,
                       BuildOptions build, Consumer<String> log) {
        this(repository, pushes, accounts, limits, build, new Sessions(Clock.systemUTC()), log);
    }

    WikiEditing(Repository repository, Pushes pushes, PushAccounts accounts, PushLimits limits, BuildOptions build,
                Sessions sessions, Consumer<String> log) {
        this.limits = limits;
        this.log = log;
        Gate gate = new Gate(sessions, accounts);
        html = new Html(build.site().title());
        login = new LoginRoute(accounts, sessions, gate, html, limits, log);
        long maxPage = Math.min(build.limits().maxPageBytes(), limits.maxFileBytes());
        editor = new EditorRoute(repository, gate, html, new Preview(repository, build.limits()),
                new SaveFlow(repository, pushes.saves(), maxPage), limits, maxPage);
        moves = new MoveRoute(repository, gate, html, new MoveFlow(repository, pushes.saves(), maxPage), limits);
        uploads = new UploadRoute(repository, gate, pushes.saves(), limits);
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
                String prefix = Stream.of(EDIT, RENAME, DELETE, UPLOAD).filter(path::startsWith).findFirst().orElse("");
                if (prefix.isEmpty()) {
                    return false;
                }
                page(request, response, callback, prefix, path.substring(prefix.length()), get, post);
            }
        }
        return true;
    }

    /** The routes of one page: its editor, its rename and its delete. */
    private void page(Request request, Response response, Callback callback, String prefix, String rest,
                      boolean get, boolean post) throws Exception {
        if (prefix.equals(EDIT) && get && !rest.endsWith(".md")) {
            Optional<String> file = AttachmentPath.of(rest);
            if (file.isPresent()) {
                // an image the preview shows, addressed from the editor's folder: the published file answers
                Html.seeOther(response, callback, "/" + Urls.encodePath(file.get()));
                return;
            }
        }
        switch (EditPath.ofUrl(rest, limits)) {
            case EditPath.Invalid invalid -> html.note(request, response, callback, rest.endsWith(".md") ? 400 : 404,
                    "/", "Not a page", "This is not the address of a page that can be edited: " + invalid.reason()
                    + ".");
            case EditPath.Valid valid -> {
                try {
                    route(request, response, callback, prefix, valid.path(), get, post);
                } catch (IOException e) {
                    // a page too large or not UTF-8, a base commit that is not one: said, never a stack trace
                    log.accept("wiki editor: " + valid.path().path() + ": " + e.getMessage());
                    html.note(request, response, callback, 422, valid.path().root(), "Cannot do this here",
                            e.getMessage());
                }
            }
        }
    }

    private void route(Request request, Response response, Callback callback, String prefix, EditPath path,
                       boolean get, boolean post) throws Exception {
        if (!get && !post) {
            notAllowed(request, response, callback);
        } else if (prefix.equals(UPLOAD)) {
            if (post) {
                uploads.post(request, response, callback, path);
            } else {
                notAllowed(request, response, callback);
            }
        } else if (prefix.equals(EDIT)) {
            if (get) {
                editor.open(request, response, callback, path);
            } else {
                editor.post(request, response, callback, path);
            }
        } else if (get) {
            moves.confirm(request, response, callback, path, prefix.equals(RENAME));
        } else {
            moves.post(request, response, callback, path, prefix.equals(RENAME));
        }
    }

    private void notAllowed(Request request, Response response, Callback callback) {
        response.getHeaders().put("Allow", "GET, HEAD, POST");
        Html.write(response, callback, 405, "text/plain; charset=utf-8", "method not allowed here\n");
    }
}
