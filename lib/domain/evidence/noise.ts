/**
 * Lag within this many seconds of the group's input is records in flight between two commits
 * (a healthy group sampled mid-batch), not a backlog: the drills' healthy baseline on a real
 * broker shows a few records of lag with a slightly positive slope at any sample. Shared by the
 * diagnosis checks and the severity model so both draw the line at the same place.
 */
export const LAG_NOISE_SECONDS = 2;
