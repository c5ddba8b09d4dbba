package org.godshell.toaster.site.git;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.godshell.toaster.site.serve.PlainReply;

/**
 * Git's smart HTTP protocol (gitprotocol-http(5)) for the one repository, under {@link #PREFIX}: the ref
 * advertisement ({@code GET info/refs?service=...}), {@code POST git-upload-pack} (clone, fetch) and
 * {@code POST git-receive-pack} (push, see {@link Pushes}). The "dumb" protocol is not offered: no file of the
 * repository is served as a file. Protocol version 0 is spoken; newer clients fall back to it.
 */
public final class GitHttp extends Handler.Abstract {

    public static final String PREFIX = "/wiki.git";
    /** A fetch request lists wants and haves: tens of kilobytes even for a large wiki with long history. */
    static final long MAX_UPLOAD_REQUEST = 8L << 20;

    private final Repository repository;
    private final Pushes pushes;
    private final Consumer<String> log;

    public GitHttp(Repository repository, Pushes pushes, Consumer<String> log) {
        this.repository = repository;
        this.pushes = pushes;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        String rest = path.substring(PREFIX.length());
        String query = request.getHttpURI().getQuery();
        String method = request.getMethod();
        if (rest.equals("/info/refs") && method.equals("GET")) {
            if ("service=git-upload-pack".equals(query)) {
                advertiseUpload(response, callback);
            } else if ("service=git-receive-pack".equals(query)) {
                pushes.advertise(request, response, callback);
            } else {
                PlainReply.send(request, response, callback, 403, "only git's smart HTTP is served here; "
                        + "use git 1.6.6 or newer");
            }
        } else if (rest.equals("/git-upload-pack") && method.equals("POST")) {
            upload(request, response, callback);
        } else if (rest.equals("/git-receive-pack") && method.equals("POST")) {
            pushes.receive(request, response, callback);
        } else if ((rest.isEmpty() || rest.equals("/")) && (method.equals("GET") || method.equals("HEAD"))) {
            PlainReply.send(request, response, callback, 200, "This is the wiki's git repository. Clone it with:"
                    + " git clone <this URL>");
        } else {
            PlainReply.send(request, response, callback, 404, "404 not part of git's smart HTTP protocol");
        }
        return true;
    }

    private void advertiseUpload(Response response, Callback callback) throws IOException {
        gitHeaders(response, "application/x-git-upload-pack-advertisement");
        try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 65536)) {
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=git-upload-pack\n");
            packets.end();
            UploadPack upload = new UploadPack(repository);
            upload.setBiDirectionalPipe(false);
            upload.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packets));
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private void upload(Request request, Response response, Callback callback) {
        gitHeaders(response, "application/x-git-upload-pack-result");
        try (InputStream in = body(request, MAX_UPLOAD_REQUEST);
             OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 65536)) {
            UploadPack upload = new UploadPack(repository);
            upload.setBiDirectionalPipe(false);
            upload.upload(in, out, null);
        } catch (IOException e) {
            log.accept("git fetch from " + Request.getRemoteAddr(request) + " failed: " + e.getMessage());
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    static void gitHeaders(Response response, String type) {
        response.setStatus(200);
        response.getHeaders().put("Content-Type", type);
        response.getHeaders().put("Cache-Control", "no-cache, max-age=0, must-revalidate");
    }

    /** The request body, un-gzipped when git sent it compressed (it does for large fetch negotiations). */
    static InputStream body(Request request, long limit) throws IOException {
        InputStream raw = new BoundedInput(Content.Source.asInputStream(request), limit);
        String encoding = request.getHeaders().get("Content-Encoding");
        if (encoding == null) {
            return raw;
        }
        if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
            return new BoundedInput(new GZIPInputStream(raw), limit);
        }
        throw new IOException("unsupported Content-Encoding");
    }

    static Optional<InetAddress> client(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? Optional.ofNullable(inet.getAddress()) : Optional.empty();
    }
}
