package org.godshell.toaster.site.edit;

import java.util.Optional;
import org.godshell.toaster.site.edit.form.FormParser;
import org.godshell.toaster.site.git.PathRules;

/**
 * A file other than a page under {@code /_edit/} (an image the preview shows, written relative to the page), as
 * a repository path a push could hold: decoded strictly and held to {@link PathRules}, so that the redirect to
 * the published file never leaves the wiki ({@code //host} or {@code ..} cannot pass).
 */
final class AttachmentPath {

    private AttachmentPath() {
    }

    static Optional<String> of(String encoded) {
        try {
            String path = FormParser.decodePath(encoded);
            return PathRules.file(path).isEmpty() ? Optional.of(path) : Optional.empty();
        } catch (FormParser.Malformed e) {
            return Optional.empty();
        }
    }
}
