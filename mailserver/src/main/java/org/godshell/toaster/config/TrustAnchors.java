package org.godshell.toaster.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * {@code control/mtaststrust}: PEM certificates of authorities trusted for MTA-STS besides the JDK's (RFC 8461
 * §3.3, §4.2 ask for PKIX validity; a private PKI or a lab's test CA needs its own anchors). Nothing but
 * certificates: a private key pasted here by mistake is refused, not ignored.
 */
final class TrustAnchors {

    private TrustAnchors() {
    }

    static List<X509Certificate> parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        int first = lines.isEmpty() ? 1 : lines.get(0).number();
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.text()).append('\n'));
        List<X509Certificate> anchors = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser pem = new PEMParser(new StringReader(text.toString()))) {
            Object object;
            while ((object = pem.readObject()) != null) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new ConfigException(file, first, "holds a " + object.getClass().getSimpleName()
                            + "; it may hold only PEM certificates (BEGIN CERTIFICATE) of trusted authorities");
                }
                anchors.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new ConfigException(file, first, "is not a readable PEM certificate bundle: " + e.getMessage(), e);
        }
        if (anchors.isEmpty()) {
            throw new ConfigException(file, first, "holds no PEM certificate; remove it to trust only the JDK's "
                    + "authorities");
        }
        return List.copyOf(anchors);
    }
}
