package org.godshell.toaster.qmailimport.oldhost;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.qmailimport.ControlText;
import org.godshell.toaster.qmailimport.ImportRefusedException;
import org.godshell.toaster.qmailimport.SmtpPluginsText;
import org.godshell.toaster.qmailimport.TcpSmtpSource;

/**
 * The old {@code control/} directory, {@code /etc/tcp.smtp} and the plugin files its rules name. A control file
 * the toaster reads under the same name is carried after its parser accepts it; the domain files are read by
 * {@link OldToasterReader}; everything else is reported with why.
 */
final class ControlReader {

    /** Read by {@link OldToasterReader} as domains, not copied. */
    static final Set<String> DOMAIN_FILES = Set.of("rcpthosts", "morercpthosts", "locals", "virtualdomains");

    private final OldFiles files;
    final Map<String, byte[]> controlFiles = new LinkedHashMap<>();
    final List<TcpSmtpSource.Rule> rules = new ArrayList<>();
    final Map<String, OldToaster.PluginFile> pluginFiles = new LinkedHashMap<>();
    final Map<String, String> pluginSources = new LinkedHashMap<>();

    ControlReader(OldFiles files) {
        this.files = files;
    }

    void readControl(Path controlDir) {
        for (Path entry : files.list(controlDir)) {
            String name = entry.getFileName().toString();
            if (DOMAIN_FILES.contains(name) || pluginFiles.containsKey(name)) {
                continue;    // read already: as domains, or as the plugin file of a tcp.smtp rule
            }
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                files.skip(entry.toString(), "not a plain file (a directory or a symbolic link): not read");
                continue;
            }
            Optional<Key<?>> key = ControlFiles.find(name);
            if (name.equals(ControlFiles.SMTPPLUGINS.name())) {
                plugin(entry, name);
            } else if (key.isEmpty()) {
                files.skip(entry.toString(), "the toaster reads no control file of this name (see the wiki page"
                        + " Control files for what it reads)");
            } else if (key.get().shape() == Key.Shape.OWN) {
                files.skip(entry.toString(), "not carried: set it up on the toaster itself (" + key.get().syntax()
                        + "; see the wiki page Control files)");
            } else {
                files.read(entry).ifPresent(bytes -> check(key.get(), entry, bytes));
            }
        }
    }

    private void check(Key<?> key, Path file, byte[] bytes) {
        try {
            Optional<String> problem = ControlText.problem(key, file, bytes);
            if (problem.isPresent()) {
                files.skip(file.toString(), "the toaster would refuse it: " + problem.get());
            } else {
                controlFiles.put(key.name(), bytes);
            }
        } catch (ImportRefusedException e) {
            files.skip(file.toString(), e.getMessage());
        }
    }

    void readRules(Path tcpSmtp, Path qmailDir) {
        Optional<byte[]> bytes = files.read(tcpSmtp);
        if (bytes.isEmpty()) {
            if (!Files.exists(tcpSmtp, LinkOption.NOFOLLOW_LINKS)) {
                files.skip(tcpSmtp.toString(), "no such file: no tcp.smtp rules carried (give --tcp-rules FILE)");
            }
            return;
        }
        try {
            TcpSmtpSource source = TcpSmtpSource.parse(bytes.get(), tcpSmtp.toString());
            files.problems(tcpSmtp, source.problems());
            for (TcpSmtpSource.Rule rule : source.rules()) {
                if (rule.sppConfFile().isEmpty() || sppConfFile(rule, tcpSmtp, qmailDir)) {
                    rules.add(rule);
                }
            }
        } catch (ImportRefusedException e) {
            files.skip(tcpSmtp.toString(), e.getMessage());
        }
    }

    /** Reads the plugin file a rule names (relative names are qmail's, from its home); false: the rule is left out. */
    private boolean sppConfFile(TcpSmtpSource.Rule rule, Path tcpSmtp, Path qmailDir) {
        String named = rule.sppConfFile().get();
        if (pluginSources.containsKey(named)) {
            return true;
        }
        Path file = qmailDir.resolve(named).normalize();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        Optional<Key<?>> clash = ControlFiles.find(name);
        if (name.isEmpty() || clash.isPresent() && clash.get() != ControlFiles.SMTPPLUGINS
                || DOMAIN_FILES.contains(name)) {
            files.skip(tcpSmtp + ":" + rule.line(), "SPPCONFFILE " + file + " would be control/" + name
                    + ", a control file of another kind: rule not carried; rename the plugin file and add the rule"
                    + " by hand");
            return false;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            files.skip(tcpSmtp + ":" + rule.line(), "SPPCONFFILE " + file + " is not a plain file on the old host:"
                    + " rule not carried (the toaster answers 421 to a session whose plugin file is missing)");
            return false;
        }
        if (!pluginFiles.containsKey(name) && !plugin(file, name)) {
            return false;
        }
        pluginSources.put(named, name);
        return true;
    }

    private boolean plugin(Path file, String name) {
        Optional<byte[]> bytes = files.read(file);
        if (bytes.isEmpty()) {
            return false;
        }
        try {
            SmtpPluginsText plugins = SmtpPluginsText.parse(bytes.get());
            if (!plugins.problems().isEmpty()) {
                files.problems(file, plugins.problems());
                files.skip(file.toString(), "not carried: a plugin file must be text throughout");
                return false;
            }
            pluginFiles.put(name, new OldToaster.PluginFile(bytes.get(), plugins));
            return true;
        } catch (ImportRefusedException e) {
            files.skip(file.toString(), e.getMessage());
            return false;
        }
    }
}
