package org.godshell.toaster.dane;

import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.dns.SignedFixtureDns;

/** Wiring of the signed fixture for the DANE tests: the validator trusts the fixture's zone alone. */
final class SignedZones {

    private SignedZones() {
    }

    static TrustAnchors anchorsOf(SignedFixtureDns zone) throws ConfigException {
        return TrustAnchors.parse(Path.of("test-anchors"), List.of(new ControlFile.Line(1, zone.trustAnchor())));
    }

    static SecureDns secureDns(SignedFixtureDns zone) throws ConfigException {
        return SecureDns.using(List.of(zone.address()), anchorsOf(zone));
    }
}
