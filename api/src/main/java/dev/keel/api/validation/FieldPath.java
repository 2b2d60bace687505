package dev.keel.api.validation;

/**
 * A field path being validated, printed as Kubernetes prints it: {@code spec.containers[0].ports[1].name}. A path
 * is a parent and one step; its text is built only when asked for (when an error names it), because validation
 * makes a path for every field it visits and almost every field is valid.
 */
public final class FieldPath {
    private final FieldPath parent;
    /** A field's name (a child or the root), or a map key; null for a list index. */
    private final String name;
    private final int index;
    /** True for {@code [name]} (a map key), false for {@code .name}. */
    private final boolean key;
    private String text;

    private FieldPath(FieldPath parent, String name, int index, boolean key) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.key = key;
    }

    public static FieldPath root(String name) {
        return new FieldPath(null, name, -1, false);
    }

    public FieldPath child(String name) {
        return new FieldPath(this, name, -1, false);
    }

    public FieldPath index(int i) {
        return new FieldPath(this, null, i, false);
    }

    /** A map entry: {@code metadata.labels[app]}. */
    public FieldPath key(String k) {
        return new FieldPath(this, k, -1, true);
    }

    /** The path as Kubernetes prints it. */
    public String path() {
        String t = text;
        if (t == null) {
            String before = parent == null ? "" : parent.path();
            if (name == null) {
                t = before + "[" + index + "]";
            } else if (key) {
                t = before + "[" + name + "]";
            } else {
                t = before.isEmpty() ? name : before + "." + name;
            }
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && path().equals(other.path());
    }

    @Override
    public int hashCode() {
        return path().hashCode();
    }

    @Override
    public String toString() {
        return path();
    }
}
