package dev.keel.apiserver.table;

import java.time.Duration;

/**
 * Ages as kubectl prints them ({@code 45s}, {@code 3m12s}, {@code 25m}, {@code 5h3m}, {@code 20h}, {@code 3d4h},
 * {@code 120d}, {@code 2y30d}): exact while short, coarser as they grow.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        long days = h / 24;
        if (h < 24 * 8) {
            return h % 24 == 0 ? days + "d" : days + "d" + (h % 24) + "h";
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long y = days / 365;
        return days % 365 == 0 ? y + "y" : y + "y" + (days % 365) + "d";
    }
}
