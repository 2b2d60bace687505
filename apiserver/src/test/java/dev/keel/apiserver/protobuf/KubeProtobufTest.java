package dev.keel.apiserver.protobuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protobuf bodies as kubectl 1.32 sends them, built field by field with the numbers of k8s.io/api's
 * generated.proto, including the zero-valued fields Go's encoder always writes.
 */
class KubeProtobufTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namespaceAsCreateNamespaceSendsIt() throws Exception {
        byte[] meta = message(out -> {
            out.writeString(1, "bars");
            out.writeString(2, "");
            out.writeString(4, ""); // selfLink: always written, empty
            out.writeInt64(7, 0);
            out.writeBytes(8, ByteString.EMPTY); // creationTimestamp: zero Time
        });
        byte[] ns = message(out -> {
            out.writeBytes(1, ByteString.copyFrom(meta));
            out.writeBytes(2, ByteString.EMPTY);
            out.writeBytes(3, ByteString.EMPTY);
        });
        ObjectNode decoded = KubeProtobuf.decode(envelope("v1", "Namespace", ns));
        assertEquals(JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bars\"},"
                + "\"spec\":{},\"status\":{}}"), decoded);
    }

    @Test
    void deploymentAsCreateDeploymentSendsIt() throws Exception {
        byte[] labels = message(out -> {
            out.writeString(1, "app");
            out.writeString(2, "web");
        });
        byte[] podMeta = message(out -> out.writeBytes(11, ByteString.copyFrom(labels)));
        byte[] port = message(out -> {
            out.writeInt32(2, 0);
            out.writeInt32(3, 80);
            out.writeString(4, "TCP");
        });
        byte[] quantity = message(out -> out.writeString(1, "250m"));
        byte[] request = message(out -> {
            out.writeString(1, "cpu");
            out.writeBytes(2, ByteString.copyFrom(quantity));
        });
        byte[] container = message(out -> {
            out.writeString(1, "nginx");
            out.writeString(2, "nginx:1.27");
            out.writeBytes(6, ByteString.copyFrom(port));
            out.writeBytes(8, ByteString.copyFrom(message(r -> r.writeBytes(2, ByteString.copyFrom(request)))));
            out.writeBool(16, false); // stdin: always written
        });
        byte[] podSpec = message(out -> {
            out.writeBytes(2, ByteString.copyFrom(container));
            out.writeBool(11, false);
        });
        byte[] template = message(out -> {
            out.writeBytes(1, ByteString.copyFrom(podMeta));
            out.writeBytes(2, ByteString.copyFrom(podSpec));
        });
        byte[] selector = message(out -> out.writeBytes(1, ByteString.copyFrom(labels)));
        byte[] maxSurge = message(out -> {
            out.writeInt64(1, 1);
            out.writeString(3, "25%");
        });
        byte[] strategy = message(out -> out.writeBytes(2, ByteString.copyFrom(
                message(r -> r.writeBytes(2, ByteString.copyFrom(maxSurge))))));
        byte[] spec = message(out -> {
            out.writeInt32(1, 2);
            out.writeBytes(2, ByteString.copyFrom(selector));
            out.writeBytes(3, ByteString.copyFrom(template));
            out.writeBytes(4, ByteString.copyFrom(strategy));
        });
        byte[] deployment = message(out -> {
            out.writeBytes(1, ByteString.copyFrom(message(m -> {
                m.writeString(1, "web");
                m.writeBytes(11, ByteString.copyFrom(labels));
            })));
            out.writeBytes(2, ByteString.copyFrom(spec));
            out.writeBytes(3, ByteString.EMPTY);
        });
        ObjectNode decoded = KubeProtobuf.decode(envelope("apps/v1", "Deployment", deployment));
        assertEquals(JSON.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx",
                     "image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],
                     "resources":{"requests":{"cpu":"250m"}}}]}},
                   "strategy":{"rollingUpdate":{"maxSurge":"25%"}}},
                 "status":{}}"""), decoded);
    }

    @Test
    void aFieldKeelDoesNotDecodeIsRefusedNotDropped() throws Exception {
        byte[] spec = message(out -> out.writeString(99, "something"));
        byte[] ns = message(out -> out.writeBytes(2, ByteString.copyFrom(spec)));
        ProtobufException e = assertThrows(ProtobufException.class,
                () -> KubeProtobuf.decode(envelope("v1", "Namespace", ns)));
        assertTrue(e.unsupported());
        assertTrue(e.getMessage().contains("field 99 of NamespaceSpec"), e.getMessage());
    }

    @Test
    void malformedBodiesFail() {
        assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(new byte[]{1, 2, 3, 4}));
        assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(new byte[]{0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f}));
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        w.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) throws IOException {
        byte[] typeMeta = message(out -> {
            out.writeString(1, apiVersion);
            out.writeString(2, kind);
        });
        byte[] unknown = message(out -> {
            out.writeBytes(1, ByteString.copyFrom(typeMeta));
            out.writeBytes(2, ByteString.copyFrom(raw));
            out.writeString(3, "");
            out.writeString(4, "");
        });
        byte[] all = new byte[4 + unknown.length];
        all[0] = 0x6b;
        all[1] = 0x38;
        all[2] = 0x73;
        all[3] = 0x00;
        System.arraycopy(unknown, 0, all, 4, unknown.length);
        return all;
    }
}
