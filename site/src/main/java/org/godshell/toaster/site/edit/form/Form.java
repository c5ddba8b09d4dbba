package org.godshell.toaster.site.edit.form;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A parsed form post: its fields, each given once. */
public record Form(Map<String, String> fields) {

    public Form {
        fields = Map.copyOf(fields);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The field's value, "" when absent. */
    public String text(String name) {
        return fields.getOrDefault(name, "");
    }

    /** The first field not in {@code allowed}, if any: a form that brings more than its route reads is refused. */
    public Optional<String> unexpected(Set<String> allowed) {
        return fields.keySet().stream().filter(name -> !allowed.contains(name)).sorted().findFirst();
    }
}
