package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.render.PageRenderer;
import org.godshell.toaster.site.source.Limits;

/** What one request reads with: the repository, {@code main}'s commit when the request came, the settings. */
record Context(Repository repository, ObjectId main, Limits limits, SiteConfig config, Templates templates,
               PageRenderer renderer) {

    /** An answer: the status, the page, and whether it may be cached for ever (a full commit id's answer). */
    record Reply(int status, byte[] body, boolean immutable) {
    }

    /** A page of the site's layout: the template with {@code site} and {@code key}. */
    Reply render(int status, String template, String root, String key, Object view, boolean immutable)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("site", Sides.site(config, root));
        model.put(key, view);
        return new Reply(status, templates.render(template, model).getBytes(StandardCharsets.UTF_8), immutable);
    }

    /** An error page (400, 404, 503) in the layout; {@code message} is ours, never the request's. */
    Reply error(int status, String path, String message) throws IOException {
        String root = path == null ? "" : Sides.root(path);
        return render(status, "version-error.ftlh", root, "error", Map.of("status", status, "message", message),
                false);
    }
}
