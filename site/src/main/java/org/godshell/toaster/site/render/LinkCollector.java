package org.godshell.toaster.site.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;

/** The wiki links of one page as it renders: the pages they reach and the targets that do not exist. */
final class LinkCollector {

    final LinkTargets targets;
    final Page page;
    final Set<String> reached = new TreeSet<>();
    final Set<String> missing = new TreeSet<>();
    /** This page's headings, id to text, for links to them ({@code [[#Heading]]}). */
    final Map<String, String> headings = new HashMap<>();
    /** Links to headings of other pages, checked when all pages are rendered. */
    final List<Rendered.HeadingLink> headingLinks = new ArrayList<>();
    /** Each target as written to the path it resolved to, "" when missing: what a cached rendering depends on. */
    final Map<String, String> resolved = new TreeMap<>();

    LinkCollector(LinkTargets targets, Page page) {
        this.targets = targets;
        this.page = page;
    }
}
