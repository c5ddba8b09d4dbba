package org.godshell.toaster.dmarc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Key;

/**
 * Where the Public Suffix List comes from: {@code control/publicsuffixlist} when the admin put a newer list
 * there, else the list shipped inside the toaster's jar (Debian's {@code publicsuffix} package, copied at build
 * time), so DMARC works on a host with no network and no package of its own.
 *
 * <p>The admin's file is read through {@link Controls} with {@link #KEY}, by the control-file rules: read again
 * when it changes, a bad file stops a starting daemon with {@code file:line}, and a bad edit while it runs
 * keeps the last good list. It lives in {@code control/} rather than {@code var/} because it decides verdicts:
 * it must belong to root like the rest of the configuration, never to the daemon that reads it.
 */
public final class PublicSuffixes {

    /** The file's name in {@code control/}: qmail's style (no underscore), the content Mozilla's file. */
    public static final String FILE = "publicsuffixlist";
    /** The list in the jar, beside this class. */
    static final String RESOURCE = "public_suffix_list.dat";

    /** Reads {@code control/publicsuffixlist}; a missing file means the shipped list. */
    public static final Key<PublicSuffixList> KEY = new Key<>(FILE, Key.Kind.DOMAINS, Key.Shape.LIST,
            PublicSuffixList::parse, reads -> shipped(), "the list shipped with the toaster",
            "Mozilla's public_suffix_list.dat as published", List.of(new Key.Use("smtpd", Key.Effect.NEXT_CONNECTION)));

    private PublicSuffixes() {
    }

    /** The list shipped with the toaster, parsed once. */
    public static PublicSuffixList shipped() {
        return Shipped.LIST;
    }

    /** Holder idiom: the shipped list is parsed at the first use, not when the class loads. */
    private static final class Shipped {
        static final PublicSuffixList LIST = load();

        private static PublicSuffixList load() {
            try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the jar: the build is broken");
                }
                byte[] bytes = in.readNBytes((int) ControlFile.MAX_BYTES);
                return PublicSuffixList.parse(Path.of(RESOURCE), lines(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped " + RESOURCE, e);
            } catch (ConfigException e) {
                throw new IllegalStateException("the shipped " + RESOURCE + " is broken: " + e.getMessage(), e);
            }
        }

        private static List<ControlFile.Line> lines(byte[] bytes) throws CharacterCodingException {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            List<ControlFile.Line> lines = new ArrayList<>();
            int number = 1;
            for (String line : text.split("\n", -1)) {
                lines.add(new ControlFile.Line(number++, line));
            }
            return lines;
        }
    }
}
