package org.godshell.toaster.qmailimport.oldhost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.qmailimport.Skipped;
import org.godshell.toaster.qmailimport.SmtpPluginsText;
import org.godshell.toaster.qmailimport.TcpSmtpSource;

/**
 * Everything read from an old qmail/vpopmail host.
 *
 * @param domains       the vpopmail domains with their users and aliases
 * @param domainAliases alias domain to the real domain it stands for (virtualdomains, users/assign)
 * @param plainDomains  domains of locals, rcpthosts and morercpthosts without a vpopmail directory
 * @param controlFiles  control files to carry, by name, already checked with the toaster's parsers
 * @param rules         the tcp.smtp rules, {@code SPPCONFFILE} still naming the old paths
 * @param pluginFiles   the plugin files, by their new name in {@code control/}
 * @param pluginSources the old path of each plugin file named by a rule, to its new name
 * @param skipped       everything left out, with why
 */
public record OldToaster(List<OldDomain> domains, Map<String, String> domainAliases, List<String> plainDomains,
        Map<String, byte[]> controlFiles, List<TcpSmtpSource.Rule> rules, Map<String, PluginFile> pluginFiles,
        Map<String, String> pluginSources, List<Skipped> skipped) {

    /** A plugin file's bytes and what it runs. */
    public record PluginFile(byte[] bytes, SmtpPluginsText plugins) {
    }

    public OldToaster {
        domains = List.copyOf(domains);
        domainAliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domainAliases));
        plainDomains = List.copyOf(plainDomains);
        controlFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(controlFiles));
        rules = List.copyOf(rules);
        pluginFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pluginFiles));
        pluginSources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pluginSources));
        skipped = List.copyOf(skipped);
    }
}
