package org.godshell.toaster.site.git;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.PreReceiveHookChain;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.godshell.toaster.site.build.BuildObserver;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.serve.PlainReply;

/**
 * Pushes: who may, and one at a time. Saves from the browser ({@link Saves}) take the same lock, checks and
 * publishing, so a save and a push never interleave. Both requests of a push (the ref advertisement and the pack) need HTTP
 * Basic credentials of a wiki editor, and only over TLS or from loopback, where a password cannot be read on the
 * way. A push then holds one lock from reading the pack to the end of the site's build: pushes are serialized,
 * each builds on the one before, and the objects of a refused push are removed before the next starts.
 */
public final class Pushes {

    /** RFC 7617 §2.1: the charset parameter tells the client to send the user and password as UTF-8. */
    static final String CHALLENGE = "Basic realm=\"Toaster wiki\", charset=\"UTF-8\"";

    final Repository repository;
    private final PushAccounts accounts;
    final PushLimits limits;
    final BuildOptions build;
    final Publisher.Build builder;
    final PushLog pushLog;
    final Consumer<String> log;
    final PushObserver observer;
    final ReentrantLock lock = new ReentrantLock(true);

    public Pushes(Repository repository, PushAccounts accounts, PushLimits limits, BuildOptions build,
                  PushLog pushLog, Consumer<String> log) {
        this(repository, accounts, limits, build, BuildObserver.NONE, PushObserver.NONE, pushLog, log);
    }

    /** Telling {@code builds} of every build (start, pushes, saves) and {@code pushes} of every push and save. */
    public Pushes(Repository repository, PushAccounts accounts, PushLimits limits, BuildOptions build,
                  BuildObserver builds, PushObserver pushes, PushLog pushLog, Consumer<String> log) {
        this(repository, accounts, limits, build, options -> WikiBuilder.build(options, builds), pushes, pushLog,
                log);
    }

    Pushes(Repository repository, PushAccounts accounts, PushLimits limits, BuildOptions build,
           Publisher.Build builder, PushLog pushLog, Consumer<String> log) {
        this(repository, accounts, limits, build, builder, PushObserver.NONE, pushLog, log);
    }

    Pushes(Repository repository, PushAccounts accounts, PushLimits limits, BuildOptions build,
           Publisher.Build builder, PushObserver observer, PushLog pushLog, Consumer<String> log) {
        this.observer = observer;
        this.builder = builder;
        this.repository = repository;
        this.accounts = accounts;
        this.limits = limits;
        this.build = build;
        this.pushLog = pushLog;
        this.log = log;
    }

    /**
     * The site built from main now, holding the lock a push holds: the server's start builds while it already
     * serves the previous build, and a push arriving meanwhile waits for this build rather than racing it.
     */
    public BuildReport buildNow() throws IOException {
        lock.lock();
        try {
            return builder.run(build);
        } finally {
            lock.unlock();
        }
    }

    /** Commits made on the server (the browser's editor) go through here: same lock, checks and build. */
    public Saves saves() {
        return new Saves(this);
    }

    void advertise(Request request, Response response, Callback callback) throws IOException {
        if (authorize(request, response, callback).isEmpty()) {
            return;
        }
        GitHttp.gitHeaders(response, "application/x-git-receive-pack-advertisement");
        try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 65536)) {
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=git-receive-pack\n");
            packets.end();
            newReceivePack("-", new PushRules(limits)).sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packets));
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    void receive(Request request, Response response, Callback callback) throws IOException {
        Optional<String> account = authorize(request, response, callback);
        if (account.isEmpty()) {
            return;
        }
        String client = Request.getRemoteAddr(request);
        GitHttp.gitHeaders(response, "application/x-git-receive-pack-result");
        lock.lock();
        PushObserver.Push otherwise = PushObserver.Push.OTHER;
        boolean counted = false;
        try {
            Quarantine quarantine = Quarantine.begin(repository);
            PushRules rules = new PushRules(limits);
            ReceivePack pack = newReceivePack(account.get(), rules);
            PushSize size = new PushSize(limits, quarantine);
            // sizes first: a bomb is not worth walking; links last: building is the dearest check
            pack.setPreReceiveHook(PreReceiveHookChain.newChain(List.of(size, rules, new StrictLinks(build, log))));
            Publisher publisher = new Publisher(build, builder, log);
            pack.setPostReceiveHook(publisher);
            // the pack is bounded by ReceivePack itself; the commands before it are small
            // the answer ends when the stream closes: clean-up, count and log come first, so that when git
            // returns, the repository, the site, the metrics and the push log all say what it printed
            try (InputStream in = GitHttp.body(request, limits.maxPushBytes() + (1 << 20));
                 OutputStream out = new HeldOutput(Content.Sink.asOutputStream(response))) {
                try {
                    pack.receive(in, out, null);
                } catch (IOException | RuntimeException e) {
                    otherwise = PushOutcomes.overLimit(e) ? PushObserver.Push.LIMITS : PushObserver.Push.OTHER;
                    throw e;
                } finally {
                    boolean stored = rules.commands().stream()
                            .anyMatch(c -> c.getResult() == ReceiveCommand.Result.OK);
                    if (!stored) {
                        quarantine.discard();
                    }
                    observer.pushed(PushOutcomes.of(stored, size.refused(), rules.commands(), otherwise));
                    counted = true;
                    pushLog.append(account.get(), client, describe(rules.commands()) + " " + publisher.outcome());
                }
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            log.accept("git push from " + client + " as " + account.get() + " failed: " + e);
            callback.failed(e);
            return;
        } finally {
            lock.unlock();
            if (!counted) {
                observer.pushed(PushObserver.Push.OTHER);          // failed before the pack was read
            }
        }
        callback.succeeded();
    }

    private ReceivePack newReceivePack(String account, PushRules rules) {
        ReceivePack pack = new ReceivePack(repository);
        pack.setBiDirectionalPipe(false);
        pack.setAllowCreates(true);
        pack.setAllowDeletes(false);
        pack.setAllowNonFastForwards(false);
        pack.setAllowPushOptions(false);
        pack.setAtomic(true);
        pack.setCheckReceivedObjects(true);
        pack.setMaxObjectSizeLimit(limits.maxFileBytes());
        pack.setMaxPackSizeLimit(limits.maxPushBytes());
        pack.setRefLogIdent(new PersonIdent(account, account));
        pack.setPreReceiveHook(rules);
        return pack;
    }

    private static String describe(List<ReceiveCommand> commands) {
        StringBuilder out = new StringBuilder();
        for (ReceiveCommand command : commands) {
            out.append(out.isEmpty() ? "" : " ").append("ref=").append(command.getRefName())
                    .append(" old=").append(command.getOldId().abbreviate(12).name())
                    .append(" new=").append(command.getNewId().abbreviate(12).name())
                    .append(" result=").append(command.getResult());
            if (command.getMessage() != null) {
                out.append(" reason=\"").append(command.getMessage().replace('"', '\'')).append('"');
            }
        }
        return out.isEmpty() ? "result=refused-before-check (pack over a limit or invalid)" : out.toString();
    }

    /**
     * RFC 6585 §4: 429 with Retry-After (RFC 9110 §10.2.3, in seconds) and a text git shows as "remote:" lines;
     * no challenge, since another password would not be checked either.
     */
    private void refuseThrottled(Request request, Response response, Callback callback, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        long minutes = (seconds + 59) / 60;
        log.accept("git push: refused, too many failed logins from " + Request.getRemoteAddr(request) + " for "
                + seconds + " s more");
        response.getHeaders().put("Retry-After", Long.toString(seconds));
        PlainReply.send(request, response, callback, 429, "too many failed logins from your address: no password "
                + "is checked from it for " + (seconds < 60 ? seconds + " more seconds" : minutes + " more minute(s)")
                + "; try again after that (a wrong password was given before, not necessarily this one)");
    }

    /**
     * The account of an editor whose credentials this request carries; otherwise the refusal is sent (401 asks
     * git to prompt for a password, 403 says why it will not help) and the result is empty.
     */
    private Optional<String> authorize(Request request, Response response, Callback callback) {
        Optional<InetAddress> client = GitHttp.client(request);
        if (!request.isSecure() && !client.map(InetAddress::isLoopbackAddress).orElse(false)) {
            observer.pushed(PushObserver.Push.OTHER);
            PlainReply.send(request, response, callback, 403, "pushing needs HTTPS: a password sent over plain "
                    + "HTTP could be read on the way; use the https:// URL of this wiki");
            return Optional.empty();
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeaders().get("Authorization"));
        if (credentials.isEmpty()) {
            response.getHeaders().put("WWW-Authenticate", CHALLENGE);
            PlainReply.send(request, response, callback, 401, "pushing to the wiki needs the user name and "
                    + "password of a mail account that is a wiki editor");
            return Optional.empty();
        }
        BasicCredentials given = credentials.get();
        Login login;
        try {
            login = client.isPresent() ? accounts.verify(given.user(), given.password(), client.get())
                    : new Login.Refused();
        } finally {
            given.clear();
        }
        switch (login) {
            case Login.Accepted accepted -> {
            }
            case Login.Refused refused -> {
                log.accept("git push: authentication failed for " + PushLog.printable(given.user()) + " from "
                        + Request.getRemoteAddr(request));
                observer.pushed(PushObserver.Push.AUTH);
                response.getHeaders().put("WWW-Authenticate", CHALLENGE);
                PlainReply.send(request, response, callback, 401, "wrong user name or password");
                return Optional.empty();
            }
            case Login.Throttled throttled -> {
                observer.pushed(PushObserver.Push.AUTH);
                refuseThrottled(request, response, callback, throttled.retryAfter());
                return Optional.empty();
            }
            case Login.Unavailable unavailable -> {
                log.accept("git push: the accounts cannot be checked now, for " + PushLog.printable(given.user()));
                observer.pushed(PushObserver.Push.AUTH);
                response.getHeaders().put("Retry-After", Long.toString(Login.Unavailable.RETRY_SECONDS));
                PlainReply.send(request, response, callback, 503, "passwords cannot be checked right now; try again"
                        + " in a minute");
                return Optional.empty();
            }
        }
        try {
            if (!accounts.isEditor(given.user())) {
                observer.pushed(PushObserver.Push.AUTH);
                PlainReply.send(request, response, callback, 403, given.user() + " is not a wiki editor; "
                        + "ask the admin to add the account to control/wikieditors");
                return Optional.empty();
            }
        } catch (IOException e) {
            log.accept("git push: the editor list cannot be read, refusing pushes: " + e.getMessage());
            observer.pushed(PushObserver.Push.OTHER);
            PlainReply.send(request, response, callback, 503, "pushes are off for now: the server's list of "
                    + "wiki editors cannot be read (the admin has been told in the log)");
            return Optional.empty();
        }
        return Optional.of(given.user());
    }
}
