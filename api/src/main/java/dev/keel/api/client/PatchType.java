package dev.keel.api.client;

/** The PATCH flavours the apiserver accepts; each is sent with its own content type. */
public enum PatchType {
    /** RFC 7386 JSON merge patch: objects merge, {@code null} deletes, lists are replaced. */
    MERGE,
    /** RFC 6902 JSON patch: a list of {@code op}/{@code path}/{@code value} operations. */
    JSON,
    /** Kubernetes strategic merge patch: lists merge by their merge keys (containers by name, ...). */
    STRATEGIC_MERGE;

    public String contentType() {
        switch (this) {
            case MERGE:
                return "application/merge-patch+json";
            case JSON:
                return "application/json-patch+json";
            default:
                return "application/strategic-merge-patch+json";
        }
    }
}
