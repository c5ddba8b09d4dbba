package org.godshell.toaster.site.output;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.godshell.toaster.site.source.Warning;

/**
 * The Freemarker set-up. Built-in templates live on the classpath; a wiki's {@code templates/NAME} replaces the
 * built-in {@code NAME}. {@code .ftlh} files auto-escape HTML, {@code .ftlx} files XML. A template from the wiki
 * that does not parse is reported and the built-in one is used.
 *
 * <p>Hardening, because templates come from whoever may push to the wiki: {@code ?new} resolves no class, {@code
 * ?api} is off, the object wrapper's default member-access policy hides reflection, class loaders and the like,
 * and the loader reads only the wiki's templates and ours (no file system).
 */
public final class Templates {

    /** The template names the generator renders; a wiki may override any of them. */
    public static final List<String> NAMES = List.of("layout.ftlh", "page.ftlh", "section.ftlh", "history.ftlh",
            "commit.ftlh", "recent.ftlh", "tags.ftlh", "tag.ftlh", "search.ftlh", "report.ftlh", "404.ftlh",
            "redirect.ftlh", "feed.ftlx", "sitemap.ftlx");

    /** The static files every site carries under {@code _assets/}; {@link Assets} gives their bytes. */
    public static final List<String> ASSETS = List.of("wiki.css", "wiki.js", "nav.js", "editor.js",
            "highlight.min.js", "highlight.css");

    private final Configuration configuration;
    private final Map<String, String> accepted = new TreeMap<>();
    private final List<Warning> warnings;

    /** Overrides: template name to its text, from the wiki's {@code templates/} folder. */
    public Templates(Map<String, String> overrides, List<Warning> warnings) {
        this.warnings = warnings;
        configuration = configure();
        StringTemplateLoader wiki = new StringTemplateLoader();
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            if (!NAMES.contains(override.getKey())) {
                warnings.add(new Warning("templates/" + override.getKey(), "not a template the wiki uses; ignored"));
                continue;
            }
            try {
                new Template(override.getKey(), override.getValue(), configuration);
                accepted.put(override.getKey(), override.getValue());
            } catch (IOException e) {
                warnings.add(new Warning("templates/" + override.getKey(),
                        "does not parse, the built-in one is used: " + firstLine(e.getMessage())));
            }
        }
        accepted.forEach(wiki::putTemplate);
        configuration.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {wiki, builtInLoader()}));
    }

    /**
     * The built-in templates, parsed once a process: a wiki server rebuilds after every push, and parsing them
     * again each time was a tenth of a one-page rebuild. A configured {@link Configuration} is safe to share
     * between threads, and the built-in templates never change while the process runs.
     */
    private static final class BuiltIn {
        static final Configuration CONFIGURATION = configure();

        static {
            CONFIGURATION.setTemplateLoader(builtInLoader());
        }
    }

    private static TemplateLoader builtInLoader() {
        return new ClassTemplateLoader(Templates.class, "/org/godshell/toaster/site/templates");
    }

    private static Configuration configure() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocale(Locale.ROOT);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setNumberFormat("computer");
        configuration.setLocalizedLookup(false);
        configuration.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        return configuration;
    }

    /**
     * Renders a template with a model. When the wiki overrides templates and rendering with them fails, the
     * built-in templates render the file and a warning (one per template) says why; a failure of the built-in
     * templates is an {@link IOException} naming the template.
     */
    public String render(String name, Map<String, Object> model) throws IOException {
        if (!accepted.isEmpty()) {
            try {
                return process(configuration, name, model);
            } catch (TemplateException e) {
                Warning warning = new Warning("templates/", "rendering " + name + " with the wiki's templates "
                        + "failed, the built-in ones are used: " + firstLine(e.getMessage()));
                synchronized (warnings) {                               // files render on several threads
                    if (!warnings.contains(warning)) {
                        warnings.add(warning);
                    }
                }
            }
        }
        try {
            return process(BuiltIn.CONFIGURATION, name, model);
        } catch (TemplateException e) {
            throw new IOException("template " + name + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String process(Configuration configuration, String name, Map<String, Object> model)
            throws IOException, TemplateException {
        StringWriter out = new StringWriter();
        configuration.getTemplate(name).process(model, out);
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
