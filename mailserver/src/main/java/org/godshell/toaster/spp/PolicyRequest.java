package org.godshell.toaster.spp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes of a Postfix policy request (SMTPD_POLICY_README, "Policy protocol description"), taken from the
 * session's plugin environment, in the order Postfix sends them.
 *
 * <p>Attributes Postfix sends that the toaster cannot know yet (TLS client certificates, the queue id, which
 * Postfix assigns only later anyway) are sent empty, as Postfix itself sends what it does not know, so a server
 * that reads them finds them.
 */
final class PolicyRequest {

    private PolicyRequest() {}

    /**
     * Postfix's protocol_state for each hook; AUTH is the toaster's own, since Postfix asks no policy there;
     * BODY is Postfix's smtpd_end_of_data_restrictions state.
     */
    static String state(Section section) {
        return switch (section) {
            case CONNECTION -> "CONNECT";
            case HELO -> "HELO";
            case MAIL -> "MAIL";
            case RCPT -> "RCPT";
            case DATA -> "DATA";
            case AUTH -> "AUTH";
            case BODY -> "END-OF-MESSAGE";
        };
    }

    static Map<String, String> attributes(Section section, Map<String, String> env) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("request", "smtpd_access_policy");
        a.put("protocol_state", state(section));
        // The session does not tell plugins whether it began with EHLO; nearly every client does.
        a.put("protocol_name", "ESMTP");
        a.put("client_address", env.getOrDefault("TCPREMOTEIP", ""));
        // The server looks no names up in DNS (no TCPREMOTEHOST): Postfix says "unknown" then.
        a.put("client_name", "unknown");
        a.put("client_port", env.getOrDefault("TCPREMOTEPORT", ""));
        a.put("reverse_client_name", "unknown");
        a.put("server_address", env.getOrDefault("TCPLOCALIP", ""));
        a.put("server_port", env.getOrDefault("TCPLOCALPORT", ""));
        a.put("helo_name", env.getOrDefault("SMTPHELOHOST", ""));
        a.put("sender", env.getOrDefault("SMTPMAILFROM", ""));
        a.put("recipient", section == Section.RCPT ? env.getOrDefault("SMTPRCPTTO", "") : "");
        a.put("recipient_count", env.getOrDefault("SMTPRCPTCOUNT", "0"));
        a.put("queue_id", "");
        a.put("instance", instance(env));
        // The SIZE parameter of MAIL does not reach plugins yet; Postfix sends 0 when the client gave none.
        a.put("size", "0");
        a.put("etrn_domain", "");
        a.put("stress", "");
        a.put("sasl_method", env.getOrDefault("SMTPAUTHMETHOD", ""));
        a.put("sasl_username", env.getOrDefault("SMTPAUTHUSER", ""));
        a.put("sasl_sender", "");
        for (String empty : new String[] {"ccert_subject", "ccert_issuer", "ccert_fingerprint",
                "ccert_pubkey_fingerprint", "encryption_protocol", "encryption_cipher", "encryption_keysize",
                "policy_context"}) {
            a.put(empty, "");
        }
        return a;
    }

    /**
     * Postfix's per-message id, which policy servers use to tie a message's requests together (quotas). The
     * client's address and port name the session; the sender's hash tells its transactions apart, except two
     * in a row from the same sender, which then share one.
     */
    static String instance(Map<String, String> env) {
        return env.getOrDefault("TCPREMOTEIP", "") + "." + env.getOrDefault("TCPREMOTEPORT", "") + "."
                + Integer.toHexString(env.getOrDefault("SMTPMAILFROM", "").hashCode());
    }

    /**
     * The request on the wire: {@code name=value} lines and the empty line that ends them. A value with a control
     * character is refused, not cleaned: a newline in it would end the attribute and let the client write the
     * next ones (recipient, sasl_username) itself.
     */
    static String encode(Map<String, String> attributes) throws PolicyService.Failure {
        StringBuilder request = new StringBuilder();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String value = attribute.getValue();
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new PolicyService.Failure("control character in " + attribute.getKey() + " '"
                        + Command.printable(value) + "'; not sent");
            }
            request.append(attribute.getKey()).append('=').append(value).append('\n');
        }
        return request.append('\n').toString();
    }
}
