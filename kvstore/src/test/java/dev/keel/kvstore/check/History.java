package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every operation the clients of one test run recorded, in id order ({@code operations.get(i).id() == i}).
 */
public record History(List<Operation> operations) {
    public History {
        operations = List.copyOf(operations);
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).id() != i) {
                throw new IllegalArgumentException("operation at index " + i + " has id " + operations.get(i).id());
            }
        }
    }

    /** Builds a history from operations in any order, renumbering them by invocation time. */
    public static History of(List<Operation> operations) {
        List<Operation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingLong(Operation::invokeNanos).thenComparingInt(Operation::id));
        List<Operation> renumbered = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            renumbered.add(sorted.get(i).withId(i));
        }
        return new History(renumbered);
    }

    public int size() {
        return operations.size();
    }

    /** The earliest invocation time, the zero of the times printed in reports. */
    public long startNanos() {
        return operations.stream().mapToLong(Operation::invokeNanos).min().orElse(0);
    }
}
