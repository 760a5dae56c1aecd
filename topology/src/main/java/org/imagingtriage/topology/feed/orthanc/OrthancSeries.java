package org.imagingtriage.topology.feed.orthanc;

import java.util.List;

/**
 * What {@code GET /series/{id}} says of a series.
 *
 * @param instances its instances' Orthanc ids
 * @param stable whether Orthanc has received nothing new for it during its StableAge
 */
public record OrthancSeries(List<String> instances, boolean stable) {

    public OrthancSeries {
        instances = List.copyOf(instances);
    }
}
