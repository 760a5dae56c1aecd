package org.imagingtriage.topology.feed.orthanc;

import java.util.List;

/**
 * One answer of {@code GET /changes?since=S&limit=L}.
 *
 * @param changes the changes after {@code since}, at most {@code limit}
 * @param done true when no change follows these
 * @param last the seq of the last change returned, or of the log's last change when none is
 */
public record ChangesPage(List<OrthancChange> changes, boolean done, long last) {

    public ChangesPage {
        changes = List.copyOf(changes);
    }
}
