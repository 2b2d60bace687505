package dev.keel.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' name and label syntax rules. Each check returns the list of problems (empty when valid), worded as
 * Kubernetes words them, because kubectl users and tests grep for those messages.
 */
public final class NameRules {
    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL_FMT + "(\\." + LABEL_FMT + ")*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;

    private NameRules() {
    }

    public static List<String> dns1123Label(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > LABEL_MAX) {
            errs.add("must be no more than 63 characters");
        }
        if (!DNS1123_LABEL.matcher(v).matches()) {
            errs.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                    + "validation is '" + LABEL_FMT + "')");
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > SUBDOMAIN_MAX) {
            errs.add("must be no more than 253 characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(v).matches()) {
            errs.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '" + LABEL_FMT + "(\\." + LABEL_FMT + ")*')");
        }
        return errs;
    }

    public static List<String> dns1035Label(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > LABEL_MAX) {
            errs.add("must be no more than 63 characters");
        }
        if (!DNS1035_LABEL.matcher(v).matches()) {
            errs.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                    + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
        }
        return errs;
    }

    /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters. */
    public static List<String> qualifiedName(String v) {
        List<String> errs = new ArrayList<>();
        String name = v;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            String prefix = v.substring(0, slash);
            name = v.substring(slash + 1);
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String e : dns1123Subdomain(prefix)) {
                    errs.add("prefix part " + e);
                }
            }
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
            return errs;
        }
        if (name.length() > LABEL_MAX) {
            errs.add("name part must be no more than 63 characters");
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                    + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                    + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        }
        return errs;
    }

    public static List<String> labelValue(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > LABEL_MAX) {
            errs.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matcher(v).matches()) {
            errs.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                    + "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }
        return errs;
    }
}
