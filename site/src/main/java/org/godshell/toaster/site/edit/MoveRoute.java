package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.edit.form.Form;
import org.godshell.toaster.site.edit.session.Session;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.page.Urls;

/**
 * {@code GET /_rename/PATH.md} and {@code GET /_delete/PATH.md}: the confirmation forms (a GET changes nothing);
 * {@code POST} to the same addresses does it, with the session's token, through {@link MoveFlow}. Both
 * addresses are as deep as the page's editor, so they share its way back to the site's root.
 */
final class MoveRoute {

    private static final Set<String> FIELDS = Set.of("csrf", "base", "to", "message");

    private final Repository repository;
    private final Gate gate;
    private final Html html;
    private final MoveFlow moves;
    private final PushLimits limits;

    MoveRoute(Repository repository, Gate gate, Html html, MoveFlow moves, PushLimits limits) {
        this.repository = repository;
        this.gate = gate;
        this.html = html;
        this.moves = moves;
        this.limits = limits;
    }

    void confirm(Request request, Response response, Callback callback, EditPath path, boolean rename)
            throws IOException {
        Optional<Session> session = gate.session(request);
        if (session.isEmpty()) {
            Html.toLogin(response, callback, path);
            return;
        }
        String root = path.root();
        Map<String, Object> move = new HashMap<>();
        move.put("rename", rename);
        move.put("path", path.path());
        move.put("title", path.name());
        move.put("action", root + (rename ? "_rename/" : "_delete/") + Urls.encodePath(path.path()));
        move.put("editor", root + path.editorUrl());
        move.put("csrf", session.get().csrf());
        move.put("base", PageFiles.main(repository).map(ObjectId::name).orElse("none"));
        Map<String, Object> model = html.model(root);
        model.put("move", move);
        html.send(request, response, callback, 200, "edit-move.ftlh", model);
    }

    void post(Request request, Response response, Callback callback, EditPath path, boolean rename)
            throws IOException {
        String root = path.root();
        Gate.Checked checked = gate.post(request, FIELDS);
        if (checked instanceof Gate.Failed failed) {
            html.note(request, response, callback, failed.status(), root, failed.heading(), failed.text());
            return;
        }
        Gate.Passed passed = (Gate.Passed) checked;
        Form form = passed.form();
        Optional<EditPath> to = Optional.empty();
        if (rename) {
            String wanted = form.text("to").strip();
            EditPath.Parsed parsed = EditPath.of(wanted.endsWith(".md") ? wanted : wanted + ".md", limits);
            if (!(parsed instanceof EditPath.Valid valid)) {
                html.note(request, response, callback, 400, root, "Not renamed", "The new name cannot be used: "
                        + ((EditPath.Invalid) parsed).reason() + ".");
                return;
            }
            to = Optional.of(valid.path());
        }
        String message = EditorRoute.lines(form.text("message")).strip();
        if (message.isEmpty()) {
            message = to.map(target -> "Rename " + path.name() + " to " + target.name())
                    .orElse("Delete " + path.name());
        }
        SaveFlow.Outcome outcome = moves.move(path, to, PageFiles.commitField(form.text("base")), message,
                passed.session().account(), Request.getRemoteAddr(request));
        switch (outcome) {
            case SaveFlow.Done done -> {
                Map<String, Object> model = html.model(root);
                String url = to.map(target -> root + Urls.encodePath(target.url())).orElse(root + "index.html");
                model.put("saved", Map.of("title", (rename ? "Renamed " : "Deleted ") + path.name(), "url", url,
                        "editor", to.map(target -> root + target.editorUrl()).orElse(root + path.editorUrl()),
                        "commit", done.published().commit().abbreviate(12).name(), "published",
                        done.published().published(), "merged", false, "lines", done.published().lines()));
                html.send(request, response, callback, 200, "edit-saved.ftlh", model);
            }
            case SaveFlow.Conflict conflict -> html.note(request, response, callback, 409, root, "Nothing done",
                    conflict.reason());
            case SaveFlow.Refused refused -> html.note(request, response, callback, 422, root, "Nothing done",
                    "Refused: " + refused.reason(), refused.lines());
            case SaveFlow.Unchanged unchanged -> html.note(request, response, callback, 200, root, "Nothing done",
                    "Nothing changed.");
            case SaveFlow.Busy busy -> html.note(request, response, callback, 503, root, "Nothing done",
                    "The wiki changed several times meanwhile; try again.");
        }
    }
}
