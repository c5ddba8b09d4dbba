package org.godshell.toaster.installer.imap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The client side of SCRAM-SHA-256 (RFC 5802 §3, RFC 7677), without channel binding, for talking to Dovecot. */
public final class ScramClient {

    private final String user;
    private final String password;
    private final String nonce = "toastertestnonce" + Long.toHexString(System.nanoTime());
    private String clientFirstBare;

    public ScramClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /**
     * {@code AUTHENTICATE SCRAM-SHA-256} with the first message inline (SASL-IR, RFC 4959), to the end: the
     * tagged reply, or the server's answer to the first message when it refused at once (an unknown user).
     */
    public static String login(ImapClient client, String user, String password) throws Exception {
        ScramClient scram = new ScramClient(user, password);
        String challenge = client.start("AUTHENTICATE SCRAM-SHA-256 " + scram.first());
        if (!challenge.startsWith("+ ")) {
            return challenge;
        }
        String verifier = client.continuation(scram.finalMessage(challenge.substring(2)));
        return verifier.startsWith("+") ? client.continuation("") : verifier;
    }

    /** The client-first-message, base64. */
    public String first() {
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
        return b64("n,," + clientFirstBare);
    }

    /** The client-final-message for the server's first message (both base64). */
    public String finalMessage(String serverFirstBase64) throws GeneralSecurityException {
        String serverFirst = new String(Base64.getDecoder().decode(serverFirstBase64), StandardCharsets.UTF_8);
        String combinedNonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            switch (part.substring(0, 2)) {
                case "r=" -> combinedNonce = part.substring(2);
                case "s=" -> salt = Base64.getDecoder().decode(part.substring(2));
                case "i=" -> iterations = Integer.parseInt(part.substring(2));
                default -> { }
            }
        }
        if (combinedNonce == null || !combinedNonce.startsWith(nonce) || salt == null || iterations < 1) {
            throw new GeneralSecurityException("not a SCRAM server-first-message: " + serverFirst);
        }
        String withoutProof = "c=" + b64("n,,") + ",r=" + combinedNonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
