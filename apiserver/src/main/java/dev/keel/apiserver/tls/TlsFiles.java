package dev.keel.apiserver.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * The apiserver's PKI under {@code <data-dir>/pki}: {@code ca.crt}, {@code ca.key}, {@code apiserver.crt},
 * {@code apiserver.key} (PEM, keys PKCS#8 and readable by the owner only). Made on first start, reused after; the
 * serving certificate is re-issued when a configured host is missing from it.
 *
 * @param caCertificate the CA that kubeconfigs trust
 * @param serving       the server's certificate and key
 */
public record TlsFiles(Path dir, X509Certificate caCertificate, X509Certificate serving, PrivateKey servingKey) {
    private static final Logger LOG = LoggerFactory.getLogger(TlsFiles.class);

    /** Loads the PKI from {@code dataDir/pki}, creating what is missing. */
    public static TlsFiles loadOrCreate(Path dataDir, List<String> hosts, Clock clock) {
        Path dir = dataDir.resolve("pki");
        Path caCrt = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path crt = dir.resolve("apiserver.crt");
        Path key = dir.resolve("apiserver.key");
        try {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            CertificateAuthority ca;
            if (Files.exists(caCrt) && Files.exists(caKey)) {
                ca = new CertificateAuthority(Pem.readCertificate(caCrt), Pem.readPrivateKey(caKey), clock, random);
            } else {
                ca = CertificateAuthority.create(clock, random);
                write(caKey, Pem.privateKey(ca.key()));
                write(caCrt, Pem.certificate(ca.certificate()));
                LOG.info("created CA {} in {}", ca.certificate().getSubjectX500Principal(), dir);
            }
            if (!Files.exists(crt) || !Files.exists(key) || !covers(Pem.readCertificate(crt), hosts)) {
                CertificateAuthority.Issued issued = ca.issueServing(hosts);
                write(key, Pem.privateKey(issued.key()));
                write(crt, Pem.certificate(issued.certificate()));
                LOG.info("issued serving certificate for {} in {}", hosts, dir);
            }
            return new TlsFiles(dir, ca.certificate(), Pem.readCertificate(crt), Pem.readPrivateKey(key));
        } catch (IOException e) {
            throw new UncheckedIOException("setting up TLS files in " + dir, e);
        }
    }

    public Path caCertificateFile() {
        return dir.resolve("ca.crt");
    }

    private static boolean covers(X509Certificate cert, List<String> hosts) {
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            List<String> names = sans.stream().map(l -> String.valueOf(l.get(1))).toList();
            return names.containsAll(hosts);
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
