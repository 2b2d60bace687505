package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return events of one key's operations in time order, as a doubly linked list from which the
 * search lifts an operation (its call and its return) when it linearizes it, and puts it back when it backtracks.
 *
 * <p>Example: A=[1,4], B=[2,3], C=[5,?] (C's outcome unknown) gives
 * {@code head, call A, call B, ret B, ret A, call C, tail}. Operations with an unknown outcome have a call and no
 * return: nothing forces them to be linearized. At equal times calls come before returns, so touching intervals
 * count as concurrent.
 */
final class EntryList {

    /** One call or return event; a call's {@code match} is its return, or null when the outcome is unknown. */
    static final class Entry {
        final int op;
        final boolean call;
        final long time;
        Entry match;
        Entry prev;
        Entry next;

        Entry(int op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    final Entry head = new Entry(-1, false, Long.MIN_VALUE);
    final Entry tail = new Entry(-1, false, Long.MAX_VALUE);

    private EntryList() {
        head.next = tail;
        tail.prev = head;
    }

    static EntryList of(List<KeyOp> ops) {
        List<Entry> events = new ArrayList<>(2 * ops.size());
        for (int i = 0; i < ops.size(); i++) {
            KeyOp op = ops.get(i);
            Entry call = new Entry(i, true, op.invokeNanos());
            events.add(call);
            if (!op.unknown()) {
                Entry ret = new Entry(i, false, op.returnNanos());
                call.match = ret;
                events.add(ret);
            }
        }
        events.sort(Comparator.<Entry>comparingLong(e -> e.time)
                .thenComparing(e -> !e.call)
                .thenComparingInt(e -> e.op));
        EntryList list = new EntryList();
        Entry last = list.head;
        for (Entry e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        last.next = list.tail;
        list.tail.prev = last;
        return list;
    }

    /** Removes a call entry and its return (if any) from the list. */
    static void lift(Entry call) {
        unlink(call);
        if (call.match != null) {
            unlink(call.match);
        }
    }

    /** Undoes {@link #lift}: the entries still point at their old neighbours, which are back in place by then. */
    static void unlift(Entry call) {
        if (call.match != null) {
            relink(call.match);
        }
        relink(call);
    }

    private static void unlink(Entry e) {
        e.prev.next = e.next;
        e.next.prev = e.prev;
    }

    private static void relink(Entry e) {
        e.prev.next = e;
        e.next.prev = e;
    }
}
