package org.godshell.toaster.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The JVM's and the process's own figures, from the Prometheus client's collectors: memory by area and pool,
 * threads by state, and the process's CPU time, open files and start time ({@code jvm_memory_*},
 * {@code jvm_threads_*}, {@code process_*}). Not the garbage collector, class loading or JIT families: they
 * help tune a JVM, not run a mail server. Every daemon's endpoint has them (smtpd, pop3d, the wiki), each
 * labelled with {@code daemon}, so that the daemons' figures stay apart in smtpd's gathered page
 * ({@link Gathering}).
 */
public final class JvmMetrics {

    private JvmMetrics() {
    }

    public static void register(PrometheusRegistry registry, String daemon) {
        Labels labels = Labels.of("daemon", daemon);
        JvmMemoryMetrics.builder().constLabels(labels).register(registry);
        JvmThreadsMetrics.builder().constLabels(labels).register(registry);
        ProcessMetrics.builder().constLabels(labels).register(registry);
    }
}
