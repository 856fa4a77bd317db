/** Body geometry of the camera model: anthropometric ratios of stature and build, each with why. */
export const BODY = {
  /** Half shoulder width at build 1, metres (adult biacromial breadth about 0.4 m, plus arms). */
  halfWidthM: 0.23,
  /** Head keypoint below the top of the head, metres (the centre of the head). */
  headBelowTopM: 0.12,
  /** Feet to either side of the body axis at build 1, metres. */
  footSideM: 0.1,
  /** The feet count as seen past fixtures while these hide at most this much of the body bottom, metres (ankle height). */
  feetClearM: 0.1,
  /** A person nearer than this to the camera plane is not imaged (behind or inside the lens), metres. */
  nearM: 0.2,
  /** An occluder hides only the middle of its width around its axis: people are narrower than that at head and legs. */
  occluderCore: 0.7,
  /** Head and feet count as seen when at least this share of the body's width across them shows (a detector marks keypoints it really sees at 0.5 or more). */
  keypointSeenAt: 0.5,
  /** A raster row of a body counts towards its visible box when at least this share of it shows. */
  rowSeenAt: 0.3,
  /** Radius of the torso around the body axis at build 1, metres (chest about 0.3 m deep, 0.35 m wide without the arms): it hides a wrist behind it. */
  torsoRadiusM: 0.15,
  /** The torso hides wrists from this share of stature (the hips; legs below are narrower)... */
  torsoBottom: 0.4,
  /** ...up to this share (the shoulders; the head above is narrower). */
  torsoTop: 0.82,
} as const;
