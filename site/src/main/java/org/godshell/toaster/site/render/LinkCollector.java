package org.godshell.toaster.site.render;

import java.util.Set;
import java.util.TreeSet;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;

/** The wiki links of one page as it renders: the pages they reach and the targets that do not exist. */
final class LinkCollector {

    final LinkTargets targets;
    final Page page;
    final Set<String> reached = new TreeSet<>();
    final Set<String> missing = new TreeSet<>();

    LinkCollector(LinkTargets targets, Page page) {
        this.targets = targets;
        this.page = page;
    }
}
