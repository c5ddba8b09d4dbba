package org.godshell.toaster.site.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XSS vectors through the whole pipeline (markdown, wiki links, raw HTML, sanitizer): OWASP's filter-evasion
 * classics and markdown-specific ones. The output is parsed back and checked independently of the sanitizer's
 * own rules: no executable element, no event handler or style attribute, no URL that a browser would run.
 */
class XssTest {

    private static final Set<String> FORBIDDEN = Set.of("script", "iframe", "frame", "frameset", "object", "embed",
            "style", "form", "svg", "math", "link", "meta", "base", "applet", "template", "noscript", "textarea",
            "select", "button", "video", "audio", "source", "param");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "srcset", "data", "poster", "background", "cite", "longdesc", "dynsrc", "lowsrc");

    private final PageRenderer renderer = new PageRenderer(Limits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#"
            + "114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
            + "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088"
            + "&#0000083&#0000083&#0000039&#0000041>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&"
            + "#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"VBScript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<BODY ONLOAD=alert('XSS')>",
        "<img src=x onerror=alert(1)>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<input type=\"image\" src=\"javascript:alert(1)\"><input type=\"text\" onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>x</details>",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\"\u0000javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://example.org/a.png)",
        "[x](https://example.org \"a\\\" onmouseover=\\\"alert(1)\")",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "www.example.org/\"onmouseover=\"alert(1)",
        "https://example.org/<script>alert(1)</script>",
        "[[javascript:alert(1)]]",
        "[[x|javascript:alert(1)]]",
        "[[<img src=x onerror=alert(1)>]]",
        "[[\" onmouseover=\"alert(1)|Home]]",
        "[[Home#\" onmouseover=\"alert(1)]]",
        "[[#\" onmouseover=\"alert(1)]]",
        "[[#<script>alert(1)</script>]]",
        "[[Home#<script>alert(1)</script>]]",
        "## <img src=x onerror=alert(1)>\n\n[[#<img src=x onerror=alert(1)>]]",
        "## javascript:alert(1)\n\n[[#javascript:alert(1)]]",
        "# Title <img src=x onerror=alert(1)>",
        "<div>\n\n<script>alert(1)</script>\n\n</div>",
        "```html\n<script>alert(1)</script>\n```",
        "<!-- --><script>alert(1)</script><!-- -->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "!!! note \"<img src=x onerror=alert(1)>\"\n    body",
        "Term\n: <a href=\"javascript:alert(1)\">x</a>",
        "- [ ] <input onfocus=alert(1) autofocus>",
        "x[^1]\n\n[^1]: <a href=\"javascript:alert(1)\">y</a>",
    })
    void nothingExecutableSurvives(String markdown) {
        Page page = new Page("Test.md", "Test.html", "Test", List.of(), List.of(), Optional.empty(),
                Optional.of(markdown), Optional.empty());
        Page home = new Page("Home.md", "index.html", "Home", List.of(), List.of(), Optional.empty(),
                Optional.of(""), Optional.empty());
        Rendered rendered = renderer.render(page, new LinkTargets(List.of(page, home), new java.util.ArrayList<>()));
        assertTrue(rendered.notice().isEmpty(), () -> "rendered: " + rendered.notice());
        assertSafe(rendered.html());
    }

    static void assertSafe(String html) {
        for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (FORBIDDEN.contains(element.normalName())) {
                fail("<" + element.normalName() + "> survived in " + html);
            }
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                assertFalse(key.startsWith("on"), () -> "event handler " + key + " in " + html);
                assertFalse(key.equals("style") || key.equals("srcdoc"), () -> key + " in " + html);
                if (URL_ATTRIBUTES.contains(key)) {
                    String url = attribute.getValue().replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
                    assertFalse(url.startsWith("javascript:") || url.startsWith("vbscript:")
                            || url.startsWith("data:"), () -> "dangerous URL " + attribute + " in " + html);
                }
            }
        }
    }
}
