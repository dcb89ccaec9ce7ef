package dev.parley.routing.domain;

/** The wait a queued visitor is told: their position times the recent mean handling time, over the seats. */
public final class WaitEstimate {

    private WaitEstimate() {
    }

    /**
     * @param meanHandlingSeconds mean assigned-to-closed time of recent conversations; null when there is no history
     * @param seats               capacity of the agents who could serve the queue (at least 1 is assumed)
     * @return seconds, or null when unknown
     */
    public static Long seconds(int position, Double meanHandlingSeconds, int seats) {
        if (meanHandlingSeconds == null || position < 1) {
            return null;
        }
        return (long) Math.ceil(position * meanHandlingSeconds / Math.max(1, seats));
    }
}
