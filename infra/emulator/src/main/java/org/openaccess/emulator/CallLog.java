package org.openaccess.emulator;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent calls, bounded so that a long benchmark does not fill the heap. */
final class CallLog {
    static final int CAPACITY = 10_000;
    private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();

    synchronized void add(RecordedCall call) {
        if (calls.size() == CAPACITY) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    synchronized List<RecordedCall> snapshot() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
