package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/** An RSA OpenPGP key pair made with Bouncy Castle for the tests: public and secret key files, armored. */
public final class TestKeys {

    /** The two files of a key pair. */
    public record KeyFiles(Path publicKey, Path secretKey) {}

    private TestKeys() {
    }

    /** Writes {@code name.pub.asc} and {@code name.sec.asc} in {@code dir}; {@code passphrase} null: unprotected. */
    public static KeyFiles make(Path dir, String name, char[] passphrase) throws IOException, PGPException,
            java.security.GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Date now = new Date();
        JcaPGPKeyPair primary = new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, rsa.generateKeyPair(), now);
        JcaPGPKeyPair encryption = new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, rsa.generateKeyPair(), now);
        PGPSignatureSubpacketGenerator certify = new PGPSignatureSubpacketGenerator();
        certify.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        PGPSignatureSubpacketGenerator encrypt = new PGPSignatureSubpacketGenerator();
        encrypt.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        var sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                name + " <" + name + "@example.org>", sha1, certify.generate(), null,
                new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
                passphrase == null ? null : new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1)
                        .build(passphrase));
        rings.addSubKey(encryption, encrypt.generate(), null);
        Path pub = dir.resolve(name + ".pub.asc");
        Path sec = dir.resolve(name + ".sec.asc");
        try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(pub))) {
            rings.generatePublicKeyRing().encode(out);
        }
        try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(sec))) {
            rings.generateSecretKeyRing().encode(out);
        }
        return new KeyFiles(pub, sec);
    }
}
