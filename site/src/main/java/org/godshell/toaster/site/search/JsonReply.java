package org.godshell.toaster.site.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.output.Json;

/**
 * The search API's answers as JSON (RFC 8259): results, or an error in our own words. Strings are escaped per
 * §7, and '<', '>', '&' too, so a reply never reads as HTML even to a browser that would sniff it.
 */
final class JsonReply {

    private JsonReply() {
    }

    static void results(Response response, Callback callback, List<WikiIndex.Hit> hits) {
        StringBuilder out = new StringBuilder("{\"results\":[");
        for (int i = 0; i < hits.size(); i++) {
            WikiIndex.Hit hit = hits.get(i);
            out.append(i == 0 ? "{" : ",{").append("\"title\":");
            Json.string(out, hit.title());
            out.append(",\"url\":");
            Json.string(out, hit.url());
            out.append(",\"section\":");
            Json.string(out, hit.heading());
            out.append(",\"snippet\":[");
            for (int j = 0; j < hit.snippet().size(); j++) {
                Snippets.Segment segment = hit.snippet().get(j);
                out.append(j == 0 ? "{" : ",{").append("\"text\":");
                Json.string(out, segment.text());
                out.append(",\"hit\":").append(segment.hit()).append('}');
            }
            out.append("]}");
        }
        out.append("]}\n");
        send(response, callback, 200, out);
    }

    static void error(Response response, Callback callback, int status, String message) {
        StringBuilder out = new StringBuilder("{\"error\":");
        Json.string(out, message);
        out.append("}\n");
        send(response, callback, status, out);
    }

    private static void send(Response response, Callback callback, int status, StringBuilder json) {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // RFC 8259 §11: application/json has no charset parameter; it is UTF-8
        response.getHeaders().put("Content-Type", "application/json");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        // for HEAD, Jetty's HTTP generator sends the headers and drops the body (RFC 9110 §9.3.2)
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
