import type { PlateChangeConfig } from './kernels/plateChange.ts';
import { PLATE_CHANGE_DEFAULTS } from './kernels/plateChange.ts';
import type { WeightFitConfig } from './kernels/explainWeightChange.ts';
import { WEIGHT_FIT_DEFAULTS } from './kernels/explainWeightChange.ts';

/** Every tunable number of the reference engine, in one place, each with its default and why. */
export interface EngineConfig {
  readonly tracking: {
    /** Detections from different cameras closer than this are one person, metres (two people rarely stand closer). */
    readonly fuseRadiusM: number;
    /** A foot keypoint counts when seen at least this much, 0..1 (a detector marks keypoints it really sees at 0.5 or more). */
    readonly footVisibilityMin: number;
    /** A head keypoint counts when seen at least this much, 0..1. */
    readonly headVisibilityMin: number;
    /** A wrist keypoint counts when seen at least this much, 0..1. */
    readonly wristVisibilityMin: number;
    /** Assumed head height when the feet are hidden (behind a shelf), metres: an adult's eye line. */
    readonly headHeightM: number;
    /** Detections at or above this confidence go to the first association stage (ByteTrack's high threshold). */
    readonly highConfidence: number;
    /** Detections below this are ignored; between this and highConfidence they go to the second stage. */
    readonly lowConfidence: number;
    /** A detection farther than this from a tracked track's prediction cannot be it, metres (a brisk step at 10 Hz plus noise). */
    readonly gateM: number;
    /** Walking speed bound, m/s: widens the gate of a lost track with the time it has been lost. */
    readonly maxSpeedMps: number;
    /** Weight of appearance distance (1 - cosine) against gated floor distance (0..1) in the cost: appearance separates people who pass close far better than position does. */
    readonly appearanceWeight: number;
    /** Mahalanobis gate (squared, 2 degrees of freedom) of a seen track: 9.21 keeps 99 % of true matches. */
    readonly gateChi2: number;
    /** Widest gate of a lost track, metres: beyond it re-identification (by appearance) takes over. */
    readonly maxLostGateM: number;
    /** A track lost longer than this needs an appearance match to take a detection again, seconds. */
    readonly lostAppearanceAfterS: number;
    /** ...a cosine at least this (the same person's views agree above ~0.7; strangers rarely exceed 0.5). */
    readonly lostMinCosine: number;
    /** Extra cost of giving a detection to a lost track rather than a seen one (a seen track is the better bet). */
    readonly lostPenalty: number;
    /** Velocity decay time of a lost track, seconds: a person out of sight has usually stopped at a shelf. */
    readonly lostVelocityTauS: number;
    /** A track missed for less than this is still reported tracked (coasting over a blink of the detector), seconds. */
    readonly coastS: number;
    /** Only detections this sharp start tracks, metres sd (feet, not a head ray from afar or a box guess). */
    readonly spawnMaxSigmaM: number;
    /** Two tracks closer than this that no camera sees both of are one person, metres (two people side by side stand ~0.5 m apart). */
    readonly mergeM: number;
    /** ...after this many updates in a row (1 s at 5 Hz: a passing overlap is shorter). */
    readonly mergeUpdates: number;
    /** Consecutive matched frames before a tentative track is confirmed (filters false positives). */
    readonly confirmHits: number;
    /** A lost track is removed after this long unseen, seconds. */
    readonly maxLostS: number;
    /** No new track is started this close to an active one, metres (a duplicate detection, not a person). */
    readonly newTrackClearanceM: number;
    /** Kalman white-acceleration density, m^2/s^3: people start and stop within a second. */
    readonly accelNoise: number;
    /** Standard deviation of a floor point from the feet, metres (keypoint noise through the homography). */
    readonly footSigmaM: number;
    /** Foot keypoint error, fraction of the person's box height: a pose detector's keypoints scatter a few per cent of the person's image size, so far feet are vague on the floor. */
    readonly footPixelSigmaFrac: number;
    /** Spread of head heights around headHeightM, metres (adults' heights vary by about 9 cm). */
    readonly headHeightSigmaM: number;
    /** Standard deviation of a box-bottom floor point, metres (the box may end at a shelf, not the feet). */
    readonly boxSigmaM: number;
    /** Widest a fused cluster reaches for a vague (head or box) detection, metres. */
    readonly fuseMaxRadiusM: number;
    /** Smoothing of a track's appearance: new = (1 - a) old + a detection. */
    readonly appearanceAlpha: number;
    /** Seconds of position history kept per track (attribution looks back this far). */
    readonly historyS: number;
    /** Interval of `tracks` events, seconds (10 Hz matches the truth samples). */
    readonly tracksEveryS: number;
  };
  readonly identity: {
    /** A face matches an account when the cosine reaches this (impostors among thousands stay under about 0.7). */
    readonly faceMatchMin: number;
    /** ...and beats the runner-up by this margin. */
    readonly faceMarginMin: number;
    /** A scan binds the person passing the door within this many seconds after it (scan to barrier open is 1 to 4 s). */
    readonly scanToPassS: number;
    /** A person passing within this many seconds of the previous pass on one scan is a tailgater. */
    readonly tailgateWindowS: number;
    /** The track bound at a door pass is within this distance of the door, metres. */
    readonly doorZoneM: number;
    /** A door pass waits this long for its track to appear before giving up, seconds. */
    readonly bindWaitS: number;
    /** A track came in on a door pass when its own crossing of the door line is at most this far from the pass, seconds (people queue ~2 s apart; a 5 Hz track crosses within ~0.3 s of the body). */
    readonly passMatchS: number;
    /** Walking speed through a gate, m/s: turns a first sighting inside the door, or a crossing beside its frame, into seconds of walk. */
    readonly entryWalkMps: number;
    /** A track crossing a door's line this far beyond its frame still came through it, metres (a floor track wanders ~0.3 m off the body's centre). */
    readonly doorSlackM: number;
    /** Re-identification: a new track takes a lost identity whose appearance cosine reaches this. */
    readonly reidMinCosine: number;
    /** ...and beats every other candidate (a lost identity for this track; another unbound track for that identity) by this margin (as faceMarginMin: in a crowd strangers' looks overlap, and a near tie is a guess). */
    readonly reidMarginMin: number;
    /** Interval of the re-identification sweep over unbound tracks, seconds (identities are rarely lost for less). */
    readonly reidSweepS: number;
    /** Re-identification looks back at identities lost this recently, seconds. */
    readonly reidWindowS: number;
    /** A counter order is paired with a face capture at most this far apart, seconds. */
    readonly counterPairS: number;
    /** A bound track this close to a counter's centre is its customer when the face does not settle it, metres (the one at the till stands within arm's length plus the counter's depth). */
    readonly counterReachM: number;
  };
  readonly checkout: {
    readonly plateChange: PlateChangeConfig;
    readonly weightFit: WeightFitConfig;
    /** A track that came this close to a slot's stand point during a change could have made it, metres. */
    readonly attributeRadiusM: number;
    /** Attribution looks this far before the change began, seconds (the median lags and hands move first). */
    readonly attributeLeadS: number;
    /** A track's floor distance to a slot is taken within this many seconds of the change's start, when the item left (its closest pass over seconds lets a passer-by seem as near). */
    readonly standWindowS: number;
    /** Two candidates closer than this in distance to the slot are ambiguous, metres. */
    readonly ambiguityMarginM: number;
    /** Wrist rays count within this many seconds of the change's start, when the item leaves the plate (the start is known to a reading or two; a reaching hand moves ~1 m/s, so it is in the slot only about that long). */
    readonly handWindowS: number;
    /** A hand missing a slot's reach point by at most this puts that track's hand in the slot, metres (keypoint noise is ~3 cm at the person, and a hand 0.1 s from the take is ~0.1 m short of the slot; grocery: 0.25 left 9 % more picks to the wrong person). */
    readonly wristRadiusM: number;
    /** An instant's hand miss counts at most this much in the two-instant mean, metres (a hand out of the slot is out, however far). */
    readonly handInstantCapM: number;
    /** The best hand score wins outright when the next track's is this much worse, metres (on tao-cafe a bystander's score trails the taker's by more in all but a few picks; 0.15 flagged 18 picks of which 16 were right). */
    readonly wristMarginM: number;
    /** Metres of hand score per metre of the body's floor distance to the stand point (a wrist ray fixes no depth, the body does; tao-cafe: 0 gives 55/74 exact receipts, 0.1-0.2 give 58, 0.4 gives 56). */
    readonly handFloorWeight: number;
  };
}

/** The reference engine's defaults. */
export const ENGINE_DEFAULTS: EngineConfig = {
  tracking: {
    fuseRadiusM: 0.55,
    footVisibilityMin: 0.5,
    headVisibilityMin: 0.5,
    wristVisibilityMin: 0.5,
    headHeightM: 1.6,
    highConfidence: 0.5,
    lowConfidence: 0.15,
    gateM: 0.9,
    maxSpeedMps: 2,
    appearanceWeight: 3,
    gateChi2: 9.21,
    maxLostGateM: 4,
    lostAppearanceAfterS: 1,
    lostMinCosine: 0.6,
    lostPenalty: 0.2,
    lostVelocityTauS: 1,
    coastS: 0.5,
    spawnMaxSigmaM: 0.35,
    mergeM: 0.35,
    mergeUpdates: 5,
    confirmHits: 3,
    maxLostS: 10,
    newTrackClearanceM: 0.5,
    accelNoise: 2,
    footSigmaM: 0.1,
    footPixelSigmaFrac: 0.02,
    headHeightSigmaM: 0.1,
    boxSigmaM: 1,
    fuseMaxRadiusM: 1.2,
    appearanceAlpha: 0.1,
    historyS: 8,
    tracksEveryS: 0.1,
  },
  identity: {
    faceMatchMin: 0.8,
    faceMarginMin: 0.05,
    scanToPassS: 8,
    tailgateWindowS: 4,
    doorZoneM: 2.0,
    bindWaitS: 3,
    passMatchS: 1.5,
    entryWalkMps: 1.2,
    doorSlackM: 0.5,
    reidMinCosine: 0.8,
    reidMarginMin: 0.05,
    reidSweepS: 0.5,
    reidWindowS: 60,
    counterPairS: 2,
    counterReachM: 2,
  },
  checkout: {
    plateChange: PLATE_CHANGE_DEFAULTS,
    weightFit: WEIGHT_FIT_DEFAULTS,
    attributeRadiusM: 1.3,
    attributeLeadS: 1.5,
    standWindowS: 0.2,
    ambiguityMarginM: 0.3,
    handWindowS: 0.3,
    wristRadiusM: 0.35,
    handInstantCapM: 0.5,
    wristMarginM: 0.05,
    handFloorWeight: 0.2,
  },
};
