package org.godshell.toaster.site.output;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A composed site: its files by site path, and what the report lists (broken links, orphan pages). */
public record Site(SortedMap<String, byte[]> files, List<Views.Broken> broken, List<Views.Link> orphans) {

    public Site {
        files = new TreeMap<>(files);
        broken = List.copyOf(broken);
        orphans = List.copyOf(orphans);
    }
}
