package org.godshell.toaster.spp;

/**
 * Told how long each plugin run took, for the metrics' latency histograms. {@code plugin} is the plugin's name
 * as the admin's smtpplugins line gives it ({@link Plugin#name}), never anything a client sent.
 */
@FunctionalInterface
public interface PluginTimer {

    void pluginRan(String plugin, long micros);

    PluginTimer NONE = (plugin, micros) -> { };
}
