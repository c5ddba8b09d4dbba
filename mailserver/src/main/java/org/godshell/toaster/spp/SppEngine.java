package org.godshell.toaster.spp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.godshell.toaster.config.ClamdAddress;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.Reads;
import org.godshell.toaster.config.ScannerAddress;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.filter.rspamd.RspamdClient;

/**
 * The plugin engine of a server: which smtpplugins file a session uses, the parsed files, and their reload.
 *
 * <p>A session uses {@code SPPCONFFILE} from its environment (set by its tcp.smtp rule), else
 * {@code control/smtpplugins}; {@code NOSPP} turns plugins off. A file is re-read when its modification time or
 * size changes, checked as each session opens: an edit takes effect for the next connection, and a bad edit
 * keeps the previous version (logged with {@code file:line}). A missing default file means no plugins; a
 * missing file that a rule names stops that session with 421, since running it without its checks would
 * silently drop the admin's policy. {@code spptimeout}, {@code dnsservers} and {@code rspamd} are followed the
 * same way: when one changes, every plugin file is parsed again with the new values at its next use.
 * {@code control/clamd} is asked at each scan of {@code builtin:clamav} and read again when it changed.
 */
public final class SppEngine {

    /** qmail-spp has no timeout; ours (qmail-spp.md §3, §7), in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final Path home;
    private final Path defaultFile;
    private final Consumer<String> log;
    private final Live<Settings> settings;
    private final Live<ClamdSetting> clamd;
    private volatile Factory factory;
    private final Map<Path, Loaded> files = new ConcurrentHashMap<>();
    /** One process per persistent program, kept across reloads so that an edit does not leave one behind. */
    private final Map<Path, LongRunningProcess> processes = new ConcurrentHashMap<>();
    /** One rspamd client, kept across reloads as the processes are, so that its kept connections are reused. */
    private final RspamdClient rspamd = new RspamdClient();

    /** The control files every plugin is made with, and where they came from. */
    private record Settings(Duration timeout, String timeoutSource, Dns dns, String dnsSource, SocketAddress rspamd,
            String rspamdSource) {
        static Settings make(Reads r) throws ConfigException {
            List<InetSocketAddress> servers = r.get(ControlFiles.DNSSERVERS);
            return new Settings(Duration.ofSeconds(r.get(ControlFiles.SPPTIMEOUT)), r.source(ControlFiles.SPPTIMEOUT),
                    Dns.of(servers), servers.isEmpty() ? "default (the host's resolvers)"
                    : r.source(ControlFiles.DNSSERVERS), r.get(ControlFiles.RSPAMD), r.source(ControlFiles.RSPAMD));
        }
    }

    /** {@code control/clamd}, read again at each scan when it changed, and where it came from. */
    private record ClamdSetting(SocketAddress address, String source) {
        static ClamdSetting make(Reads r) throws ConfigException {
            return new ClamdSetting(r.get(ControlFiles.CLAMD), r.source(ControlFiles.CLAMD));
        }
    }

    /** The plugin factory of one version of the settings. */
    private record Factory(Settings settings, PluginFactory plugins) {
    }

    /** A parsed plugin file, the file's attributes when read, and the settings its plugins were made with. */
    private record Loaded(PluginConfig config, Optional<Seen> seen, Settings madeWith) {
    }

    /**
     * What a plugin file looked like when read (empty: missing); any difference means read again. The inode
     * counts, as in {@link Controls}: an editor's rename is a change even within one clock tick.
     */
    private record Seen(Object fileKey, FileTime modified, long size) {
    }

    private SppEngine(Path home, Live<Settings> settings, Live<ClamdSetting> clamd, Consumer<String> log) {
        this.home = home;
        this.defaultFile = home.resolve("control").resolve(ControlFiles.SMTPPLUGINS.name());
        this.settings = settings;
        this.clamd = clamd;
        this.log = log;
        this.factory = factory(settings.get());
    }

    private Factory factory(Settings current) {
        Duration timeout = current.timeout();
        PluginFactory plugins = new PluginFactory(home, new PluginRunner(home, timeout))
                .with(Builtins.PREFIX, new Builtins(current.dns(), home, timeout, () -> clamd.get().address(),
                        new BuiltinRspamd.Target(rspamd, current.rspamd(), timeout)))
                .with("policy:", (source, text, target) -> PolicyPlugin.parse(source, text, target, timeout))
                .with("persistent:", (source, text, path) -> {
                    Path program = PersistentPlugin.program(home, path);
                    return new PersistentPlugin(source, text, program,
                            processes.computeIfAbsent(program, p -> new LongRunningProcess(p, home)), timeout);
                });
        return new Factory(current, plugins);
    }

    /** The factory for the settings as the files are now. */
    private Factory currentFactory() {
        Settings now = settings.get();
        Factory known = factory;
        if (known.settings() == now) {
            return known;
        }
        synchronized (this) {
            if (factory.settings() != now) {
                factory = factory(now);
            }
            return factory;
        }
    }

    /** As {@link #load(Controls, TcpRules, Consumer)} with the control directory of {@code home}. */
    public static SppEngine load(Path home, TcpRules rules, Consumer<String> log) throws ConfigException {
        return load(new Controls(home.resolve("control"), log), rules, log);
    }

    /**
     * Reads {@code control/spptimeout}, {@code control/dnsservers} (the built-in plugins' nameservers; missing: the
     * host's resolvers), {@code control/rspamd} (builtin:rspamd's server) and the default plugin file of the
     * installation whose control directory {@code controls} reads, and every plugin file the tcp.smtp
     * {@code rules} name (SPPCONFFILE), so that a typo stops the server at start rather than a session later.
     *
     * @throws ConfigException when any of them is malformed, or a named file is missing
     */
    public static SppEngine load(Controls controls, TcpRules rules, Consumer<String> log) throws ConfigException {
        List<String> sppConfFiles = rules.rules().stream().map(rule -> rule.variables().get("SPPCONFFILE"))
                .filter(Objects::nonNull).distinct().toList();
        SppEngine engine = new SppEngine(controls.dir().getParent(), Live.of(controls, Settings::make, log),
                Live.of(controls, ClamdSetting::make, log), log);
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
        return settings.get().timeout();
    }

    /**
     * For {@code toaster showconfig}: the timeout, the nameservers and clamd of the built-ins, and each plugin
     * file loaded, with its plugins per section.
     */
    public List<SmtpConfig.Setting> describe() {
        List<SmtpConfig.Setting> out = new ArrayList<>();
        Settings current = settings.get();
        out.add(new SmtpConfig.Setting("spptimeout", current.timeout().toSeconds() + " seconds",
                current.timeoutSource()));
        out.add(new SmtpConfig.Setting("dnsservers", current.dns().describe(), current.dnsSource()));
        ClamdSetting clamdNow = clamd.get();
        out.add(new SmtpConfig.Setting("clamd", ClamdAddress.describe(clamdNow.address()), clamdNow.source()));
        out.add(new SmtpConfig.Setting("rspamd", ScannerAddress.describe(current.rspamd()), current.rspamdSource()));
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            PluginConfig config = entry.getValue().config();
            String plugins = config.isEmpty() ? "(no plugins)" : config.sections().entrySet().stream()
                    .filter(section -> !section.getValue().isEmpty())
                    .map(section -> "[" + section.getKey().label() + "] " + section.getValue().stream()
                            .map(Plugin::text).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n"));
            boolean exists = entry.getValue().seen().isPresent();
            out.add(new SmtpConfig.Setting(entry.getKey().equals(defaultFile) ? "smtpplugins" : "SPPCONFFILE",
                    exists ? plugins : "(no file: no plugins)", exists ? entry.getKey().toString() : "default"));
        });
        return out;
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
        return open(environment, sessionLog, PluginTimer.NONE);
    }

    /** As above, with each plugin run's time told to {@code timer}. */
    public SppSession open(Map<String, String> environment, Consumer<String> sessionLog, PluginTimer timer)
            throws ConfigException {
        Optional<Path> file = fileFor(environment);
        PluginConfig config = file.isEmpty() ? PluginConfig.none()
                : configNow(file.get(), environment.containsKey("SPPCONFFILE"));
        return new SppSession(config, environment, sessionLog, timer);
    }

    /**
     * The file's current configuration, re-read if it or the settings changed; a bad change keeps the last good
     * one.
     */
    private PluginConfig configNow(Path file, boolean required) throws ConfigException {
        Loaded loaded = files.get(file);
        if (loaded != null) {
            Optional<Seen> now = stat(file);
            if (now.equals(loaded.seen()) && loaded.madeWith() == settings.get()) {
                return loaded.config();
            }
            try {
                return config(file, required);
            } catch (ConfigException e) {
                log.accept("spp: keeping the previous " + file + ": " + e.getMessage());
                files.put(file, new Loaded(loaded.config(), now, settings.get()));
                return loaded.config();
            }
        }
        return config(file, required);
    }

    private PluginConfig config(Path file, boolean required) throws ConfigException {
        Optional<Seen> before = stat(file);
        Factory current = currentFactory();
        Optional<PluginConfig> parsed = PluginConfig.load(file, current.plugins());
        if (parsed.isEmpty()) {
            if (required) {
                throw new ConfigException(file, 0, "the plugin file a tcp.smtp rule names (SPPCONFFILE) does not "
                        + "exist; create it, or fix the rule");
            }
            files.put(file, new Loaded(PluginConfig.none(), Optional.empty(), current.settings()));
            return PluginConfig.none();
        }
        parsed.get().warnings().forEach(warning -> log.accept("spp: " + warning));
        files.put(file, new Loaded(parsed.get(), before, current.settings()));
        return parsed.get();
    }

    private static Optional<Seen> stat(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Seen(a.fileKey(), a.lastModifiedTime(), a.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
