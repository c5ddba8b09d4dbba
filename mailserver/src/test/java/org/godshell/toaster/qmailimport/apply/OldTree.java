package org.godshell.toaster.qmailimport.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A qmail/vpopmail host built in a temp directory from the documented formats. */
final class OldTree {

    /** Made with {@code openssl passwd -6 -salt Zq8RtY2uIo0PlK1m secret}. */
    static final String SHA512 = "$6$Zq8RtY2uIo0PlK1m$5LPrNU.1EdhwVsZ0lIBJHjj1ztggsPMuM.icicF1g7Ohf6M8O4HajLUfyW7UDOi1"
            + "Zp0eDifUseurdzKEL.Y3v0";
    /** Made with {@code openssl passwd -1 -salt Ab3dEf9h secret}. */
    static final String MD5 = "$1$Ab3dEf9h$XJEtP21nJF.loOzkCM55p/";

    final Path qmail;
    final Path vpopmail;
    final Path tcpSmtp;
    final Path valias;

    OldTree(Path root) throws IOException {
        qmail = root.resolve("var/qmail");
        vpopmail = root.resolve("home/vpopmail");
        tcpSmtp = root.resolve("etc/tcp.smtp");
        valias = root.resolve("valias.txt");
        Path domain = vpopmail.resolve("domains/example.com");
        write(qmail.resolve("control/me"), "mail.example.com\n");
        write(qmail.resolve("control/databytes"), "20971520\n");
        write(qmail.resolve("control/concurrencyincoming"), "nonsense\n");
        write(qmail.resolve("control/defaultdomain"), "example.com\n");
        write(qmail.resolve("control/rcpthosts"), "example.com\nalias.example\nlocalhost\nrelayed.example\n");
        write(qmail.resolve("control/locals"), "localhost\n");
        write(qmail.resolve("control/virtualdomains"), "example.com:example.com\nalias.example:example.com\n"
                + "evil.example:evil.example\n");
        write(qmail.resolve("control/smtpplugins"), "[connection]\n/var/qmail/plugins/rbl\n");
        write(qmail.resolve("control/smtpplugins-relay"), "[rcpt]\n:/usr/local/bin/check -v\n");
        write(qmail.resolve("users/assign"), "+example.com-:example.com:89:89:" + domain + ":-::\n"
                + "+alias.example-:example.com:89:89:" + domain + ":-::\n"
                + "+evil.example-:evil.example:89:89:" + vpopmail.resolve("domains/../../../etc") + ":-::\n.\n");
        write(tcpSmtp, "127.:allow,RELAYCLIENT=\"\"\n192.168.1.:allow,RELAYCLIENT=\"\",SPPCONFFILE=\""
                + qmail.resolve("control/smtpplugins-relay") + "\"\n10.0.0.1:deny\n:allow\n");
        write(domain.resolve("vpasswd"), "ann:" + SHA512 + ":1:0:Ann Example:" + domain.resolve("ann")
                + ":52428800S:x\n"
                + "bob:" + SHA512 + ":1:0:Bob:" + domain.resolve("0/bob") + ":NONE:cleartext\n"
                + "cy:" + SHA512 + ":1:0:Cy:" + domain.resolve("../other/cy") + ":NONE:x\n"
                + "dee:plaintext:1:0:Dee:" + domain.resolve("dee") + ":NONE:plaintext\n");
        write(domain.resolve("ann/Maildir/cur/1000.1.host:2,S"), "Subject: one\n\nhello\n");
        write(domain.resolve("ann/Maildir/new/1001.2.host"), "Subject: two\n\nhello\n");
        Files.createDirectories(domain.resolve("ann/Maildir/tmp"));
        Files.createDirectories(domain.resolve("dee/Maildir/new"));
        write(domain.resolve("0/bob/Maildir/cur/1002.3.host:2,"), "Subject: three\n\nhello\n");
        write(domain.resolve(".qmail-sales"), "&ann@example.com\nbob@example.net\n");
        write(domain.resolve(".qmail-info"), "./ann/Maildir/\n|/usr/bin/autorespond x\n");
        write(domain.resolve(".qmail-default"), "| /home/vpopmail/bin/vdelivermail '' " + domain.resolve("ann")
                + "\n");
        write(domain.resolve(".qmail-list-default"), "|ezmlm-send\n");
        write(valias, "help@example.com -> &ann@example.com\nhelp@example.com -> carl@example.org\n"
                + "x@nowhere.example -> a@b.example\n");
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
