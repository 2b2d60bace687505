package dev.keel.apiserver.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** PEM text of certificates and PKCS#8 private keys (the forms kubectl, curl and Netty read). */
public final class Pem {
    private static final String CERT = "CERTIFICATE";
    private static final String KEY = "PRIVATE KEY";

    private Pem() {
    }

    public static String certificate(X509Certificate cert) {
        try {
            return block(CERT, cert.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate " + cert.getSubjectX500Principal(), e);
        }
    }

    public static String privateKey(PrivateKey key) {
        return block(KEY, key.getEncoded());
    }

    public static X509Certificate readCertificate(Path file) {
        try {
            byte[] der = der(Files.readString(file), CERT, file);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException e) {
            throw new UncheckedIOException("reading certificate " + file, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate " + file + " is not a valid X.509 certificate", e);
        }
    }

    /** Reads a PKCS#8 EC private key. */
    public static PrivateKey readPrivateKey(Path file) {
        try {
            byte[] der = der(Files.readString(file), KEY, file);
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("reading private key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("private key " + file + " is not a PKCS#8 EC key", e);
        }
    }

    private static String block(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String text, String type, Path file) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalStateException(file + " has no PEM block of type " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }
}
