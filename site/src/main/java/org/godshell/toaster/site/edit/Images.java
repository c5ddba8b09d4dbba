package org.godshell.toaster.site.edit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The images an editor may upload with a page: PNG, JPEG, GIF, WebP and AVIF, types the build publishes
 * ({@code build.Inputs}' attachment types). The name's extension must be one of them and the bytes must start
 * as that format does (its signature), so that no HTML, SVG or script comes in under an image's name; SVG is not
 * taken at all (it can carry script), as the build does not publish it either.
 */
final class Images {

    private Images() {
    }

    /** Why these bytes under this name are not taken, or empty. */
    static Optional<String> problem(String name, byte[] bytes) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        boolean matches = switch (extension) {
            case "png" -> starts(bytes, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            case "jpg", "jpeg" -> starts(bytes, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
            case "gif" -> starts(bytes, 0, ascii("GIF87a")) || starts(bytes, 0, ascii("GIF89a"));
            case "webp" -> starts(bytes, 0, ascii("RIFF")) && starts(bytes, 8, ascii("WEBP"));
            case "avif" -> starts(bytes, 4, ascii("ftypavif")) || starts(bytes, 4, ascii("ftypavis"));
            default -> false;
        };
        if (!Arrays.asList("png", "jpg", "jpeg", "gif", "webp", "avif").contains(extension)) {
            return Optional.of("only images can be uploaded here: .png, .jpg, .jpeg, .gif, .webp or .avif (not SVG "
                    + "or HTML, which could run script in readers' browsers)");
        }
        if (!matches) {
            return Optional.of("the file is not a " + extension.toUpperCase(Locale.ROOT) + " image (its first bytes "
                    + "say otherwise)");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] bytes, int at, byte[] prefix) {
        return bytes.length >= at + prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
