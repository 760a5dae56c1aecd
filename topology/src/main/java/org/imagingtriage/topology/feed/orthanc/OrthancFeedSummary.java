package org.imagingtriage.topology.feed.orthanc;

import java.util.OptionalLong;

/**
 * What a run of the feed did.
 *
 * @param inline events published with the file inside
 * @param byReference events published with a reference to Orthanc's file endpoint
 * @param alreadyPublished instances skipped because an earlier run or change published them
 * @param gone instances deleted from Orthanc before the feed could read them
 * @param withoutUid instances whose tags have no SOP Instance UID, which cannot be keyed
 * @param tooLarge instances published although larger than the pipeline fetches
 *     (limits.max.reference.image.bytes): the pipeline dead-letters them; or whose tags were too large to read
 * @param unreadable instances Orthanc kept answering with its own error about while it answered its log
 * @param position the last change fully published, as committed
 */
public record OrthancFeedSummary(long inline, long byReference, long alreadyPublished, long gone, long withoutUid,
                                 long tooLarge, long unreadable, OptionalLong position) {

    public long published() {
        return inline + byReference;
    }
}
