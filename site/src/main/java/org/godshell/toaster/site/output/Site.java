package org.godshell.toaster.site.output;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A composed site: the files made now by site path, the files the previous build made alike ({@code kept}, to be
 * taken from its directory), the key of every file (for the next build's {@link Memo}), and what the report lists
 * (broken links, orphan pages). A full build keeps nothing.
 */
public record Site(SortedMap<String, byte[]> files, SortedSet<String> kept, SortedMap<String, String> keys,
                   List<Views.Broken> broken, List<Views.Link> orphans) {

    public Site {
        files = new TreeMap<>(files);
        kept = Collections.unmodifiableSortedSet(new TreeSet<>(kept));
        keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
        broken = List.copyOf(broken);
        orphans = List.copyOf(orphans);
    }
}
