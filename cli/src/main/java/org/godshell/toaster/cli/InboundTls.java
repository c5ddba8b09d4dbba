package org.godshell.toaster.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.tlspublish.Certificates;
import org.godshell.toaster.tlspublish.InboundRecords;
import org.godshell.toaster.tlspublish.StsPolicy;
import org.godshell.toaster.tlspublish.Tlsa;

/**
 * How {@code toaster dns} prints the records that ask others to insist on TLS ({@link InboundRecords}): the
 * policy from the control files and one TLSA record per distinct key a sender asking for the host name may be
 * served (servercert.pem and each servercerts/ file that names the host). A file that does not read is one line
 * saying so, in place of the records that need it.
 */
final class InboundTls {

    private InboundTls() {
    }

    /** The lines of a domain, the files read once for every domain. */
    static Function<String, List<String>> lines(Path prefix, String host) {
        Path control = prefix.resolve("control");
        StsPolicy policy;
        List<Tlsa> keys;
        try {
            policy = StsPolicy.read(Controls.once(control));
            keys = Tlsa.distinct(Certificates.read(control).forHost(host));
        } catch (ConfigException e) {
            // The doctor prints these records after its findings, which name the broken file already.
            return domain -> List.of("MTA-STS, TLS-RPT, TLSA: cannot be printed: " + e.getMessage());
        }
        return domain -> InboundRecords.of(domain, host, policy, keys);
    }
}
