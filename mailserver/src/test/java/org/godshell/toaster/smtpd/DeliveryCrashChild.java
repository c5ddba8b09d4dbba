package org.godshell.toaster.smtpd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.Schedule;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.users.UserStore;

/**
 * Run by {@link DeliveryCrashTest} in a separate JVM that the test kills with SIGKILL: the real queue runner,
 * wired the way {@code toaster smtpd} wires it (control files of PREFIX, the users' Maildirs, remote delivery),
 * except that MX answers come from the test's fixture DNS server and MX hosts listen on the test's port.
 * The runner's log goes to stdout, each line after the milliseconds since the JVM started; SIGTERM stops
 * it gracefully.
 *
 * <p>Arguments: PREFIX DNS-PORT MX-PORT.
 */
public final class DeliveryCrashChild {

    private DeliveryCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path prefix = Path.of(args[0]);
        Dns dns = Dns.using(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]))));
        DeliveryConfig config = DeliveryConfig.load(prefix.resolve("control"));
        RemoteConfig remote = RemoteConfig.defaults(dns, config.me()).withMxPort(Integer.parseInt(args[2]));
        UserStore users = UserStore.open(prefix);
        Path queueDir = prefix.resolve("queue");
        Queue queue = Queue.open(queueDir);
        Clock clock = Clock.systemUTC();
        LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(queue, config.me(), clock));
        Router router = new Router(users, local, new RemoteDelivery(remote), config.me());
        QueueRunner runner = QueueRunner.start(queueDir, queue, router, config,
                Schedule.standard(config.queueLifetime()), clock,
                line -> System.out.println((System.nanoTime() - started) / 1_000_000 + " ms: " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> runner.stop(Duration.ofSeconds(5))));
        Thread.currentThread().join();
    }
}
