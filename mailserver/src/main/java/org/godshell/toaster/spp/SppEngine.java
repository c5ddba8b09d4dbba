package org.godshell.toaster.spp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.config.DnsServers;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.dns.Dns;

/**
 * The plugin engine of a server: which smtpplugins file a session uses, the parsed files, and their reload.
 *
 * <p>A session uses {@code SPPCONFFILE} from its environment (set by its tcp.smtp rule), else
 * {@code control/smtpplugins}; {@code NOSPP} turns plugins off. A file is re-read when its modification time or
 * size changes, checked as each session opens: an edit takes effect for the next connection, and a bad edit
 * keeps the previous version (logged with {@code file:line}). A missing default file means no plugins; a
 * missing file that a rule names stops that session with 421, since running it without its checks would
 * silently drop the admin's policy.
 */
public final class SppEngine {

    /** qmail-spp has no timeout; ours (qmail-spp.md §3, §7), in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final Path home;
    private final Path defaultFile;
    private final PluginFactory factory;
    private final Duration timeout;
    private final Consumer<String> log;
    private final String timeoutSource;
    private final Dns dns;
    private final String dnsSource;
    private final Map<Path, Loaded> files = new ConcurrentHashMap<>();
    /** One process per persistent program, kept across reloads so that an edit does not leave one behind. */
    private final Map<Path, LongRunningProcess> processes = new ConcurrentHashMap<>();

    private record Loaded(PluginConfig config, long modified, long size) {}

    private SppEngine(Path home, Duration timeout, String timeoutSource, Dns dns, String dnsSource,
            Consumer<String> log) {
        this.timeoutSource = timeoutSource;
        this.dns = dns;
        this.dnsSource = dnsSource;
        this.home = home;
        this.defaultFile = home.resolve("control/smtpplugins");
        this.timeout = timeout;
        this.factory = new PluginFactory(home, new PluginRunner(home, timeout))
                .with(Builtins.PREFIX, new Builtins(dns, home))
                .with("policy:", (source, text, target) -> PolicyPlugin.parse(source, text, target, timeout))
                .with("persistent:", (source, text, path) -> {
                    Path program = PersistentPlugin.program(home, path);
                    return new PersistentPlugin(source, text, program,
                            processes.computeIfAbsent(program, p -> new LongRunningProcess(p, home)), timeout);
                });
        this.log = log;
    }

    /**
     * Reads {@code control/spptimeout}, {@code control/dnsservers} (the built-in plugins' nameservers; missing: the
     * host's resolvers) and the default plugin file of the installation at {@code home}, and
     * every plugin file the tcp.smtp {@code rules} name (SPPCONFFILE), so that a typo stops the server at start
     * rather than a session later.
     *
     * @throws ConfigException when any of them is malformed, or a named file is missing
     */
    public static SppEngine load(Path home, TcpRules rules, Consumer<String> log) throws ConfigException {
        List<String> sppConfFiles = rules.rules().stream().map(rule -> rule.variables().get("SPPCONFFILE"))
                .filter(Objects::nonNull).distinct().toList();
        Path timeoutFile = home.resolve("control/spptimeout");
        int seconds = DEFAULT_TIMEOUT_SECONDS;
        Optional<ControlFile.Line> line = ControlFile.firstLine(timeoutFile);
        if (line.isPresent()) {
            String text = line.get().text().strip();
            if (!text.matches("[1-9][0-9]{0,3}")) {
                throw new ConfigException(timeoutFile, line.get().number(), "\"" + Command.printable(text)
                        + "\" is not a timeout; write whole seconds from 1 to 9999, such as 10");
            }
            seconds = Integer.parseInt(text);
        }
        Path dnsFile = home.resolve("control/dnsservers");
        Optional<List<InetSocketAddress>> servers = DnsServers.load(dnsFile);
        SppEngine engine = new SppEngine(home, Duration.ofSeconds(seconds),
                line.isPresent() ? timeoutFile.toString() : "default", servers.map(Dns::using).orElseGet(Dns::system),
                servers.isPresent() ? dnsFile.toString() : "default (the host's resolvers)", log);
        if (engine.config(engine.defaultFile, false).isEmpty()) {
            log.accept("spp: " + (Files.exists(engine.defaultFile) ? engine.defaultFile + " lists no plugin"
                    : "no " + engine.defaultFile) + ": no plugins unless a tcp.smtp rule names a file");
        }
        for (String named : sppConfFiles) {
            engine.config(engine.home.resolve(named), true);
        }
        return engine;
    }

    public Duration timeout() {
        return timeout;
    }

    /** For {@code toaster showconfig}: the timeout and each plugin file loaded, with its plugins per section. */
    public List<SmtpConfig.Setting> describe() {
        List<SmtpConfig.Setting> settings = new ArrayList<>();
        settings.add(new SmtpConfig.Setting("spptimeout", timeout.toSeconds() + " seconds", timeoutSource));
        settings.add(new SmtpConfig.Setting("dnsservers", dns.describe(), dnsSource));
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            PluginConfig config = entry.getValue().config();
            String plugins = config.isEmpty() ? "(no plugins)" : config.sections().entrySet().stream()
                    .filter(section -> !section.getValue().isEmpty())
                    .map(section -> "[" + section.getKey().label() + "] " + section.getValue().stream()
                            .map(Plugin::text).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n"));
            boolean exists = entry.getValue().modified() >= 0;
            settings.add(new SmtpConfig.Setting(entry.getKey().equals(defaultFile) ? "smtpplugins" : "SPPCONFFILE",
                    exists ? plugins : "(no file: no plugins)", exists ? entry.getKey().toString() : "default"));
        });
        return settings;
    }

    /** The plugin file a session with this environment uses; empty for none. */
    public Optional<Path> fileFor(Map<String, String> environment) {
        if (environment.containsKey("NOSPP")) {
            return Optional.empty();
        }
        String named = environment.get("SPPCONFFILE");
        return Optional.of(named == null ? defaultFile : home.resolve(named));
    }

    /**
     * The plugins of a new session, whose environment (the map is kept and changed by {@code S}/{@code U})
     * selects the file.
     *
     * @throws ConfigException when the session's named file is missing or unreadable (answer 421)
     */
    public SppSession open(Map<String, String> environment, Consumer<String> sessionLog) throws ConfigException {
        Optional<Path> file = fileFor(environment);
        PluginConfig config = file.isEmpty() ? PluginConfig.none()
                : configNow(file.get(), environment.containsKey("SPPCONFFILE"));
        return new SppSession(config, environment, sessionLog);
    }

    /** The file's current configuration, re-read if it changed; a bad change keeps the last good one. */
    private PluginConfig configNow(Path file, boolean required) throws ConfigException {
        Loaded loaded = files.get(file);
        if (loaded != null) {
            Optional<BasicFileAttributes> now = stat(file);
            if (now.isPresent() && now.get().lastModifiedTime().toMillis() == loaded.modified()
                    && now.get().size() == loaded.size()) {
                return loaded.config();
            }
            try {
                return config(file, required);
            } catch (ConfigException e) {
                log.accept("spp: keeping the previous " + file + ": " + e.getMessage());
                files.put(file, new Loaded(loaded.config(), now.map(a -> a.lastModifiedTime().toMillis())
                        .orElse(-1L), now.map(BasicFileAttributes::size).orElse(-1L)));
                return loaded.config();
            }
        }
        return config(file, required);
    }

    private PluginConfig config(Path file, boolean required) throws ConfigException {
        Optional<BasicFileAttributes> before = stat(file);
        Optional<PluginConfig> parsed = PluginConfig.load(file, factory);
        if (parsed.isEmpty()) {
            if (required) {
                throw new ConfigException(file, 0, "the plugin file a tcp.smtp rule names (SPPCONFFILE) does not "
                        + "exist; create it, or fix the rule");
            }
            files.put(file, new Loaded(PluginConfig.none(), -1, -1));
            return PluginConfig.none();
        }
        parsed.get().warnings().forEach(warning -> log.accept("spp: " + warning));
        files.put(file, new Loaded(parsed.get(), before.map(a -> a.lastModifiedTime().toMillis()).orElse(-1L),
                before.map(BasicFileAttributes::size).orElse(-1L)));
        return parsed.get();
    }

    private static Optional<BasicFileAttributes> stat(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
