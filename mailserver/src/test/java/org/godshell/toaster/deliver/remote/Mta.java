package org.godshell.toaster.deliver.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A well-behaved SMTP server script for {@link Sink}, with the replies a test wants to vary: the EHLO keywords,
 * the reply to each RCPT (by address, default 250), to MAIL and to the end of data.
 */
record Mta(String greeting, List<String> extensions, String mailReply, Map<String, String> rcptReplies,
           String dataReply, Function<String, String> authCheck) implements Sink.Behaviour {

    static Mta plain() {
        return new Mta("220 sink.test ESMTP", List.of("PIPELINING", "8BITMIME"), "250 2.1.0 ok", Map.of(),
                "250 2.0.0 ok queued as 1", auth -> "503 5.5.1 no auth here");
    }

    Mta withExtensions(String... keywords) {
        return new Mta(greeting, List.of(keywords), mailReply, rcptReplies, dataReply, authCheck);
    }

    Mta withRcpt(Map<String, String> replies) {
        return new Mta(greeting, extensions, mailReply, replies, dataReply, authCheck);
    }

    Mta withMail(String reply) {
        return new Mta(greeting, extensions, reply, rcptReplies, dataReply, authCheck);
    }

    Mta withData(String reply) {
        return new Mta(greeting, extensions, mailReply, rcptReplies, reply, authCheck);
    }

    Mta withGreeting(String reply) {
        return new Mta(reply, extensions, mailReply, rcptReplies, dataReply, authCheck);
    }

    Mta withAuth(Function<String, String> check) {
        return new Mta(greeting, extensions, mailReply, rcptReplies, dataReply, check);
    }

    @Override
    public void serve(Sink.Conn c) throws Exception {
        c.reply(greeting);
        String command;
        while ((command = c.command()) != null) {
            String verb = command.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    List<String> lines = new ArrayList<>();
                    lines.add("sink.test");
                    lines.addAll(extensions);
                    for (int i = 0; i < lines.size(); i++) {
                        c.raw("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i) + "\r\n");
                    }
                }
                case "HELO" -> c.reply("250 sink.test");
                case "STARTTLS" -> {
                    c.reply("220 2.0.0 go ahead");
                    c.startTls();
                }
                case "AUTH" -> c.reply(authCheck.apply(command));
                case "MAIL" -> c.reply(mailReply);
                case "RCPT" -> {
                    String address = command.substring(command.indexOf('<') + 1, command.indexOf('>'));
                    c.reply(rcptReplies.getOrDefault(address, "250 2.1.5 ok"));
                }
                case "DATA" -> {
                    c.reply("354 go ahead");
                    c.data();
                    c.reply(dataReply);
                }
                case "RSET", "NOOP" -> c.reply("250 2.0.0 ok");
                case "QUIT" -> {
                    c.reply("221 2.0.0 bye");
                    return;
                }
                default -> c.reply("502 5.5.1 unimplemented");
            }
        }
    }
}
