package org.godshell.toaster.spp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.smtp.Reply;

/**
 * The plugins of one SMTP session: runs a section's plugins in file order and applies their commands
 * (qmail-spp.md §4) to the session's environment, its later errors, its message headers and the reply.
 *
 * <p>Confined to the session's thread. The environment map is the session's own: {@code S} and {@code U}
 * change what later plugins and the relay check see.
 */
public final class SppSession {

    private final PluginConfig config;
    private final Map<String, String> environment;
    private final Consumer<String> log;
    private final PluginTimer timer;
    private final Map<Section, Later> sessionLater = new EnumMap<>(Section.class);
    private final Map<Section, Later> transactionLater = new EnumMap<>(Section.class);
    /** H lines from [connection] and [helo]: they last the session, as their L lines do. */
    private final Map<Section, List<String>> sessionHeaders = new EnumMap<>(Section.class);
    private final List<String> transactionHeaders = new ArrayList<>();
    /** H lines from [body]: the message is already written, so they reach it as header edits, on top. */
    private final List<String> bodyHeaders = new ArrayList<>();
    private Optional<String> quarantine = Optional.empty();
    private final List<ReplyLine> preface = new ArrayList<>();
    private boolean disabled;
    /**
     * The last refusal a plugin gave (null for a drop) and the plugin's name, for the log's refusal reason and the
     * metrics' stage label; compared by identity: see {@link #gave}.
     */
    private Reply refusal;
    private String refusedBy;

    /** An {@code L} line and the plugin that printed it. */
    private record Later(ReplyLine line, String plugin) {}

    SppSession(PluginConfig config, Map<String, String> environment, Consumer<String> log, PluginTimer timer) {
        this.timer = timer;
        this.config = config;
        this.environment = environment;
        this.log = log;
        this.disabled = config.isEmpty();
    }

    /** Runs the plugins of {@code section}; the first verdict wins and ends the section. */
    public HookResult run(Section section) {
        if (disabled) {
            return HookResult.PROCEED;
        }
        Optional<String> address = Optional.empty();
        sessionHeaders.remove(section);                                 // a second HELO replaces the first's
        for (Plugin plugin : config.plugins(section)) {
            PluginRun run = plugin.run(section, environment);
            timer.pluginRan(plugin.name(), run.micros());
            if (run.failure().isPresent()) {
                report(section, run, "failed");
                return failure(plugin, run.failure().get());
            }
            List<Command> commands;
            try {
                commands = Command.parseAll(run.lines(), section);
            } catch (Command.Garbage e) {
                report(section, run, "failed");
                return failure(plugin, "garbage output: " + e.getMessage());
            }
            report(section, run, verdict(commands));
            for (Command command : commands) {
                switch (command) {
                    case Command.Accept accept -> {
                        disabled = true;
                        return new HookResult.Proceed(false, address);
                    }
                    case Command.Next next -> {
                        return new HookResult.Proceed(false, address);
                    }
                    case Command.Ok ok -> {
                        return new HookResult.Proceed(true, address);
                    }
                    case Command.Error error -> {
                        return new HookResult.Refuse(refused(plugin.name(), error.reply().reply()));
                    }
                    case Command.Reject reject -> {
                        return new HookResult.Close(refused(plugin.name(), reject.reply().reply()));
                    }
                    case Command.Drop drop -> {
                        refused(plugin.name(), null);
                        return new HookResult.Drop();
                    }
                    case Command.Print print -> preface.add(print.line());
                    case Command.Later later -> laterFor(section).put(later.section(),
                            new Later(later.reply(), plugin.name()));
                    case Command.Set set -> environment.put(set.name(), set.value());
                    case Command.Unset unset -> environment.remove(unset.name());
                    case Command.Header header -> headersFor(section).add(header.line());
                    case Command.Change change -> address = Optional.of(change.address());
                    case Command.Quarantine junk -> quarantined(plugin, junk.note());
                }
            }
        }
        return new HookResult.Proceed(false, address);
    }

    /** Whether {@code section} has plugins to run: there are some, and no {@code A} turned them off. */
    public boolean runs(Section section) {
        return !disabled && !config.plugins(section).isEmpty();
    }

    /**
     * Runs {@code [body]} with the message's variables ({@code SMTPMESSAGEFILE}, the verdicts, ...) added to the
     * session's for this section only; what they were before comes back afterwards.
     */
    public BodyVerdict runBody(Map<String, String> message) {
        bodyHeaders.clear();
        quarantine = Optional.empty();
        Map<String, String> before = new HashMap<>();
        message.keySet().stream().filter(environment::containsKey).forEach(n -> before.put(n, environment.get(n)));
        environment.putAll(message);
        try {
            HookResult result = run(Section.BODY);
            return new BodyVerdict(result, List.copyOf(bodyHeaders), quarantine);
        } finally {
            message.keySet().forEach(environment::remove);
            environment.putAll(before);
        }
    }

    private void quarantined(Plugin plugin, String note) {
        quarantine = Optional.of(note);
        log.accept("spp " + plugin.source() + " quarantines the message" + (note.isEmpty() ? ""
                : ": " + Command.printable(note)));
    }

    /**
     * The refusal an earlier {@code L} line set for this command, if any. One set at connection or HELO lasts the
     * whole session, so RSET cannot shed it; one set inside a transaction ends with it (qmail-spp.md §4).
     */
    public Optional<Reply> laterRefusal(Section section) {
        Later later = transactionLater.getOrDefault(section, sessionLater.get(section));
        return Optional.ofNullable(later).map(l -> refused(l.plugin(), l.line().reply()));
    }

    /**
     * Whether {@code reply} is the very refusal the plugins gave last (an {@code E}, {@code R}, {@code L} or a
     * failure's 451), for the log's refusal reason. By identity: an equal reply of the server's own checks is
     * not the plugins'.
     */
    public boolean gave(Reply reply) {
        return reply != null && reply == refusal;
    }

    /**
     * The configured name of the plugin whose refusal {@code reply} is (the very object this session handed
     * out), or of the plugin that dropped the connection when {@code reply} is null; empty when the reply is not
     * a plugin's.
     */
    public Optional<String> refusedBy(Reply reply) {
        return refusedBy != null && refusal == reply ? Optional.of(refusedBy) : Optional.empty();
    }

    private Reply refused(String plugin, Reply reply) {
        refusal = reply;
        refusedBy = plugin;
        return reply;
    }

    /** Header lines from {@code H} for the message of this transaction: the session's, then the transaction's. */
    public List<String> headers() {
        List<String> all = new ArrayList<>();
        sessionHeaders.values().forEach(all::addAll);
        all.addAll(transactionHeaders);
        return all;
    }

    private List<String> headersFor(Section current) {
        return switch (current) {
            case CONNECTION, HELO -> sessionHeaders.computeIfAbsent(current, s -> new ArrayList<>());
            case BODY -> bodyHeaders;
            case MAIL, RCPT, DATA, AUTH -> transactionHeaders;
        };
    }

    /** The transaction ended (DATA done, RSET, new HELO): its headers and its later errors go. */
    public void endTransaction() {
        transactionHeaders.clear();
        transactionLater.clear();
    }

    /** Lines {@code P} printed, to be sent before the command's final reply; taking them clears them. */
    public List<String> takePreface() {
        if (preface.isEmpty()) {
            return List.of();                       // every reply asks; nearly none has a preface
        }
        List<String> lines = preface.stream().map(l -> l.code() + "-" + l.text()).toList();
        preface.clear();
        return lines;
    }

    /**
     * {@code spp [SECTION] SOURCE exit=N us=N out=LINE|LINE verdict=WORD}: public for the log's readers and their
     * tests.
     */
    public static String verdictText(String section, String source, int exit, long micros, List<String> lines,
            String verdict) {
        return "spp [" + section + "] " + source + " exit=" + exit + " us=" + micros + " out="
                + String.join("|", lines) + " verdict=" + verdict;
    }

    private Map<Section, Later> laterFor(Section current) {
        return current == Section.CONNECTION || current == Section.HELO ? sessionLater : transactionLater;
    }

    /** qmail-spp's own text: {@code 451 qmail-spp failure: <plugin>: <reason> (#4.3.0)}. */
    private HookResult failure(Plugin plugin, String reason) {
        log.accept("spp " + plugin.source() + " failed: " + reason);
        return new HookResult.Refuse(refused(plugin.name(), Reply.of(451, "4.3.0", "qmail-spp failure: "
                + plugin.name() + ": " + Command.printable(reason) + " (#4.3.0)")));
    }

    /**
     * The verdict of a run, as {@code toaster stats} counts it: the word of the command that ended the section
     * (qmail-spp.md §4), or {@code none} when the plugin let the next one run.
     */
    static String verdict(List<Command> commands) {
        for (Command command : commands) {
            String word = switch (command) {
                case Command.Accept accept -> "accept";
                case Command.Next next -> "next";
                case Command.Ok ok -> "ok";
                case Command.Error error -> "refuse";
                case Command.Reject reject -> "close";
                case Command.Drop drop -> "drop";
                default -> null;
            };
            if (word != null) {
                return word;
            }
        }
        return "none";
    }

    /**
     * Logs a run that said something (output, stderr) or failed; a silent pass is not worth a log line. The
     * verdict comes last, after the plugin's own text, so that a reader takes it from the right.
     */
    private void report(Section section, PluginRun run, String verdict) {
        if (run.lines().isEmpty() && run.stderr().isBlank() && run.failure().isEmpty()) {
            return;
        }
        log.accept(verdictText(section.label(), run.plugin().source(), run.exit(), run.micros(),
                run.lines().stream().map(Command::printable).toList(), verdict));
        for (String line : run.stderr().split("\n")) {
            if (!line.isBlank()) {
                log.accept("spp " + run.plugin().name() + ": " + line);
            }
        }
    }
}
