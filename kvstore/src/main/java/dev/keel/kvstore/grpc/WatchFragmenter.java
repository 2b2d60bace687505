package dev.keel.kvstore.grpc;

import com.google.protobuf.CodedOutputStream;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large watch response for a watcher created with {@code fragment=true}, as etcd does: a
 * response of at least {@code maxBytes} with two or more events becomes several, each holding as
 * many events as fit below {@code maxBytes} (at least one), each repeating the header and watch
 * id; every piece but the last has {@code fragment=true}.
 */
final class WatchFragmenter {
  private WatchFragmenter() {}

  static List<WatchResponse> split(WatchResponse response, int maxBytes) {
    if (response.getSerializedSize() < maxBytes || response.getEventsCount() < 2) {
      return List.of(response);
    }
    WatchResponse base = response.toBuilder().clearEvents().setFragment(true).build();
    int baseBytes = base.getSerializedSize();
    List<WatchResponse> pieces = new ArrayList<>();
    List<Event> events = response.getEventsList();
    int index = 0;
    while (index < events.size()) {
      WatchResponse.Builder piece = base.toBuilder();
      int bytes = baseBytes;
      int count = 0;
      while (index < events.size()) {
        int eventBytes = CodedOutputStream.computeMessageSize(
            WatchResponse.EVENTS_FIELD_NUMBER, events.get(index));
        if (count > 0 && bytes + eventBytes >= maxBytes) {
          break;
        }
        piece.addEvents(events.get(index));
        bytes += eventBytes;
        count++;
        index++;
      }
      if (index == events.size()) {
        piece.setFragment(false);
      }
      pieces.add(piece.build());
    }
    return pieces;
  }
}
