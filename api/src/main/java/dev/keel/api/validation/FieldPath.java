package dev.keel.api.validation;

/** A field path being validated, printed as Kubernetes prints it: {@code spec.containers[0].ports[1].name}. */
public record FieldPath(String path) {
    public static FieldPath root(String name) {
        return new FieldPath(name);
    }

    public FieldPath child(String name) {
        return new FieldPath(path.isEmpty() ? name : path + "." + name);
    }

    public FieldPath index(int i) {
        return new FieldPath(path + "[" + i + "]");
    }

    /** A map entry: {@code metadata.labels[app]}. */
    public FieldPath key(String k) {
        return new FieldPath(path + "[" + k + "]");
    }

    @Override
    public String toString() {
        return path;
    }
}
