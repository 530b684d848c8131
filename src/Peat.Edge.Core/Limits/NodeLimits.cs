using System;

namespace Peat.Edge.Core.Limits
{
    /// <summary>
    /// Every capacity and interval a node uses, in one place. A node takes all its memory at
    /// construction from these numbers and never grows past them. <see cref="Validate"/> rejects
    /// invalid combinations with a message that names the field; <c>MeshNode</c> calls it.
    /// Units are last in every name (Ms, Bytes, Percent).
    /// </summary>
    public sealed class NodeLimits
    {
        /// <summary>Largest child capacity the wire can describe (the beacon's load is a percentage of it, and tables index children with a byte).</summary>
        public const int ChildCapacityCeiling = 127;

        /// <summary>Largest neighbour table we allow; the table scans linearly, which is the right trade below this size.</summary>
        public const int NeighbourCapacityCeiling = 1024;

        /// <summary>Beacon interval hints travel in units of 100 ms as a 16-bit number.</summary>
        public const int BeaconIntervalMsCeiling = 65535 * 100;

        /// <summary>Smallest frame every node must be able to handle: a maximal beacon with a 32-byte tag.</summary>
        public const int FrameBytesFloor = 72;

        /// <summary>Neighbours kept in the beacon table (parent and children are among them).</summary>
        public int NeighbourCapacity = 32;

        /// <summary>Children this node accepts as a parent. A full parent is not chosen by others.</summary>
        public int ChildCapacity = 8;

        /// <summary>Same-level (lateral) peers tracked for sideways coordination.</summary>
        public int LateralPeerCapacity = 8;

        /// <summary>Events buffered for the host until it drains them; a full ring drops the newest and counts it.</summary>
        public int EventRingCapacity = 32;

        /// <summary>Frames waiting for the host to send; a full queue refuses the frame and counts it.</summary>
        public int OutgoingQueueCapacity = 8;

        /// <summary>Largest frame sent or accepted (the link MTU: 255 for LoRa, about 1200 for UDP).</summary>
        public int FrameBytesMax = 255;

        /// <summary>
        /// Telemetry records held until the next hop takes them: the node's own and those its children
        /// passed up, and all of them while no root-capable tree is reachable. When full, the oldest is
        /// dropped (counted) to make room for a new own record, and children's frames are refused.
        /// </summary>
        public int TelemetryBufferCount = 32;

        /// <summary>Payload bytes of telemetry held (bounds the count above by size).</summary>
        public int TelemetryBufferBytes = 4096;

        /// <summary>
        /// Largest payload of one telemetry record the application may submit. In effect at most what one
        /// record in one frame leaves room for (<see cref="TelemetryPayloadBytesCap"/>), so lowering
        /// <see cref="FrameBytesMax"/> alone never makes the set invalid.
        /// </summary>
        public int TelemetryPayloadBytesMax = 64;

        /// <summary>Telemetry records a root holds for its host until the host takes them (<c>TryDequeueTelemetry</c>); full, it refuses more.</summary>
        public int TelemetryInboxCount = 32;

        /// <summary>Payload bytes of that inbox.</summary>
        public int TelemetryInboxBytes = 4096;

        /// <summary>A telemetry frame not acknowledged within this is sent again (and counts as an uplink failure).</summary>
        public int TelemetryAckTimeoutMs = 1000;

        /// <summary>
        /// Records wait up to this long for more to share a frame with (aggregation), unless a full frame's
        /// worth is already held; 0 sends at once.
        /// </summary>
        public int TelemetryFlushDelayMs = 2000;

        /// <summary>Largest payload a record can have under these limits: a frame with one record must fit <see cref="FrameBytesMax"/> (at least 7 bytes, at the smallest frame and longest tag).</summary>
        public int TelemetryPayloadBytesCeiling => FrameBytesMax - Wire.TelemetryBody.FrameOverheadBytes(AuthTagBytes) - Wire.TelemetryRecord.OverheadBytesMax;

        /// <summary>The largest payload the application may submit: <see cref="TelemetryPayloadBytesMax"/> within <see cref="TelemetryPayloadBytesCeiling"/>.</summary>
        public int TelemetryPayloadBytesCap => TelemetryPayloadBytesMax < TelemetryPayloadBytesCeiling ? TelemetryPayloadBytesMax : TelemetryPayloadBytesCeiling;

        /// <summary>Recently seen (source, sequence) pairs remembered to suppress duplicates.</summary>
        public int DuplicateCacheCapacity = 64;

        /// <summary>Hops a routed frame may take before it is dropped.</summary>
        public int HopLimit = 8;

        /// <summary>Shortest beacon interval (used after any topology change).</summary>
        public int BeaconIntervalMsMin = 1000;

        /// <summary>
        /// The shortest <see cref="BeaconIntervalMsMin"/> any node may have: no node beacons more than twice per
        /// this many ms (Trickle sends in the second half of an interval), which bounds how far a neighbour's
        /// sequence can move while it is not heard.
        /// </summary>
        public const int BeaconIntervalMsFloor = 100;

        /// <summary>Longest beacon interval (reached while the topology is stable).</summary>
        public int BeaconIntervalMsMax = 16000;

        /// <summary>
        /// Longest beacon interval of a node with children: they time it out on missed beacons, so beaconing
        /// more often lets them wait for more misses in the same time (fewer false parent losses on a lossy
        /// link) without noticing a real loss later. In effect within <see cref="BeaconIntervalMsMin"/>..<see cref="BeaconIntervalMsMax"/>
        /// (<see cref="ParentBeaconIntervalMsCap"/>), so changing those alone never makes the set invalid.
        /// </summary>
        public int ParentBeaconIntervalMsMax = 16000;

        /// <summary>The longest beacon interval of a node with children: <see cref="ParentBeaconIntervalMsMax"/> kept within the beacon interval range.</summary>
        public int ParentBeaconIntervalMsCap => ParentBeaconIntervalMsMax > BeaconIntervalMsMax ? BeaconIntervalMsMax
            : ParentBeaconIntervalMsMax < BeaconIntervalMsMin ? BeaconIntervalMsMin : ParentBeaconIntervalMsMax;

        /// <summary>
        /// At power-on the first beacon goes out at a random moment within this (and within the first
        /// interval), so nodes switched on together spread out. A gateway announces itself at once (0): it
        /// is started alone, after a crash or an update, and its children are waiting for it.
        /// </summary>
        public int FirstBeaconDelayMsMax = 60000;

        /// <summary>Each beacon goes out up to this share of the interval early, so neighbours do not stay in lockstep.</summary>
        public int BeaconJitterPercent = 25;

        /// <summary>A neighbour is lost after this many expected beacons did not arrive.</summary>
        public int MissedBeaconsBeforeLoss = 3;

        /// <summary>Length of the authentication tag at the end of every frame (truncated HMAC-SHA256).</summary>
        public int AuthTagBytes = 8;

        /// <summary>A better parent must beat the current one by this share of its score before the node switches.</summary>
        public int ParentSwitchThresholdPercent = 10;

        /// <summary>A parent is kept at least this long before a merely better one replaces it (a lost or unusable parent is replaced at once).</summary>
        public int ParentDwellMs = 10000;

        /// <summary>
        /// A better candidate must lead the parent (by the switch threshold) this long before the node moves
        /// to it, its clock restarting when another candidate leads or its lead falls under the threshold: link
        /// estimates are noisy, and a lead that comes and goes is noise. A better tree waits this too, but a
        /// fallback tree's member waits at most <see cref="FloatingParentGraceMs"/> to reach a root-capable tree.
        /// </summary>
        public int ParentChallengeMs = 10000;

        /// <summary>
        /// A neighbour becomes a parent candidate only over a link at least this good (reception ratio, per
        /// mille): a lossy link misses several beacons in a row often enough to look like a dead parent.
        /// </summary>
        public int ParentLinkQualityMinPermille = 500;

        /// <summary>The current parent is kept until its link falls below this (hysteresis on the minimum above).</summary>
        public int ParentLinkQualityDropPermille = 250;

        /// <summary>
        /// How far above its floor in a tree (the lowest rank it has announced there) a node's rank may rise under
        /// the parent it keeps before that parent stops being a candidate, as RPL's DAGMaxRankIncrease: a loop that
        /// closed on stale information counts its ranks up by its length every round, and would otherwise circle
        /// until they reach infinity (17 s for a loop of four on Wi-Fi). 32 perfect hops, an eighth of infinity:
        /// 16 detached a depth-11 node whose links a raised-loss fault had worsened (the simulator's swarm seed 292).
        /// </summary>
        public int RankIncreaseMax = 32 * Topology.Rank.StepMin;

        /// <summary>Distance (metres) at which the distance factor of a parent's score has fallen to half.</summary>
        public int ParentDistanceHalfScoreM = 200;

        /// <summary>Trees (partitions) whose feasibility floor this node remembers, for loop-free repair.</summary>
        public int FeasibleTreeCapacity = 4;

        /// <summary>Geohash precision of the cells whose members elect one leader (1..12; 0 = no cells: all same-level peers in range).</summary>
        public int CellPrecision = 7;

        /// <summary>A leader whose battery falls below this hands leadership over.</summary>
        public int LeaderBatteryMinPercent = 20;

        /// <summary>
        /// A parent is suspected lost after this many consecutive unacknowledged uplink frames (reported by
        /// routing), or more over a lossy link: as many as it takes for such a run to be unlikely (1%) from
        /// loss alone (<c>Topology.UplinkSuspicion</c>). A beacon of the parent starts the count again, so
        /// this detects a dead parent faster only where beacons are slower than a few frames; a parent that
        /// beacons but never answers is dropped after four times as many failures since its last answer.
        /// </summary>
        public int UplinkFailuresBeforeSuspect = 3;

        /// <summary>Directed assignments a commander tracks at once.</summary>
        public int AssignmentCapacity = 4;

        /// <summary>An assignment with no final answer after this long has failed (timed out).</summary>
        public int AssignmentTimeoutMs = 30000;

        /// <summary>
        /// The longest interval hint a beacon can announce: the rest of the current interval (at most the
        /// jitter share of it) plus the whole next one, at most <see cref="BeaconIntervalMsMax"/>, rounded up to the hint's 100 ms unit.
        /// </summary>
        public int BeaconHintMsMax => BeaconIntervalMsMax + (int)((long)BeaconIntervalMsMax * BeaconJitterPercent / 100) + Wire.BeaconBody.IntervalHintUnitMs;

        /// <summary>
        /// How long a node stays detached before it counts as cut off (power-on listening, fallback rooting):
        /// by then every former descendant over a good link has dropped it, having heard its poison (beaconed
        /// at Imin from the moment it detaches) or timed it out (K of its announced intervals plus the loss
        /// rule's 1/8 grace, whatever interval it announced last). Its floor it keeps longer
        /// (<see cref="FeasibilityFloorHoldMs"/>): over a bad link a neighbour keeps it up to 3K intervals.
        /// </summary>
        public int DetachHoldDownMs => (MissedBeaconsBeforeLoss * BeaconHintMsMax) + (BeaconHintMsMax / 8) + BeaconIntervalMsMin;

        /// <summary>
        /// The longest a neighbour with the same loss rule keeps this node's entry after the last beacon it heard
        /// from it: 3K of the longest interval hint (the rule's most, over a bad link) plus its 1/8 grace. A
        /// neighbour that missed everything since still holds what that beacon said. Wi-Fi 10 s, LoRa about 57 min.
        /// </summary>
        public int NeighbourEntryLifetimeMsMax => (int)NeighbourEntryLifetimeMs(BeaconHintMsMax);

        /// <summary>
        /// The longest a neighbour keeps this node's entry after hearing a beacon that announced
        /// <paramref name="intervalHintMs"/>: 3K of that interval (the loss rule's most) plus its 1/8 grace.
        /// </summary>
        public long NeighbourEntryLifetimeMs(int intervalHintMs)
        {
            return (3L * MissedBeaconsBeforeLoss * intervalHintMs) + (intervalHintMs / 8);
        }

        /// <summary>
        /// How long after power-on a node sets <c>FrameFlags.FreshStart</c> on its beacons: the longest a
        /// neighbour can keep the previous incarnation's entry (<see cref="NeighbourEntryLifetimeMsMax"/>), so
        /// whichever beacon of the new incarnation such a neighbour hears first tells it of the restart.
        /// </summary>
        public int FreshStartAnnounceMs => NeighbourEntryLifetimeMsMax;

        /// <summary>
        /// The longest a node keeps a feasibility floor after it last announced a finite rank: until no
        /// neighbour can still hold that beacon (<see cref="NeighbourEntryLifetimeMsMax"/>, plus Imin for
        /// delivery). A detached node forgets its floor by the intervals it actually announced, which is sooner
        /// for a parent; this bound is how long a tree's floor is remembered unused, and the silent-parent hold
        /// outlasts it. The detach hold-down is shorter (K intervals): a neighbour that missed the poison over a
        /// bad link could still take the node on its old rank after it, while the node, its floor gone, took
        /// that neighbour's subtree (the simulator's swarm seed 114 closed a loop of two that way). Wi-Fi 10.3 s, LoRa 57 min.
        /// </summary>
        public int FeasibilityFloorHoldMs => NeighbourEntryLifetimeMsMax + BeaconIntervalMsMin;

        /// <summary>
        /// How long a node stays with a parent that floats (lost its own parent) before it takes another
        /// parent in the same tree: a parent that lost a few beacons re-attaches within a couple of its
        /// intervals, and its subtree should not scatter meanwhile (2.5 × <see cref="BeaconIntervalMsMax"/>).
        /// Also how long a detached node waits before rooting a fallback tree when nobody in reach could lead it
        /// to one, and (when shorter than <see cref="ParentChallengeMs"/>) how long a fallback tree's member
        /// waits before moving to a root-capable tree.
        /// </summary>
        public int FloatingParentGraceMs => (BeaconIntervalMsMax * 5) / 2;

        /// <summary>
        /// How long a node that can parent stays detached, with no tree in reach, before it roots a
        /// fallback tree for its part of the mesh: a last resort for a part cut off from every
        /// root-capable node, not a reaction to a few lost beacons (three hold-downs).
        /// </summary>
        public int FallbackRootWaitMs => 3 * DetachHoldDownMs;

        /// <summary>
        /// How long a node floats with a parent that announces an infinite rank before it lets go of it: time
        /// for a detached parent to root a fallback tree (<see cref="FallbackRootWaitMs"/>) and tell it, and a
        /// hold-down more. A float that lasts longer has no head: it is a loop whose ranks counted up to
        /// infinity, which every member would otherwise keep for good (the simulator's swarm seed 265).
        /// </summary>
        public int FloatingMaxMs => FallbackRootWaitMs + DetachHoldDownMs;

        /// <summary>Timing for Wi-Fi (UDP, ESP-NOW): fast beacons so a lost parent is noticed within seconds.</summary>
        public NodeLimits WithWifiTiming()
        {
            BeaconIntervalMsMin = 250;
            BeaconIntervalMsMax = 800;
            ParentBeaconIntervalMsMax = 400;
            ParentDwellMs = 10000;
            ParentChallengeMs = 60000;
            ParentDistanceHalfScoreM = 150;
            TelemetryAckTimeoutMs = 500;
            TelemetryFlushDelayMs = 5000; // 5 s rather than 1 s: a fifth fewer telemetry bytes in the tour run, for 4 s more per hop (docs/performance.md)
            return this;
        }

        /// <summary>
        /// Timing for LoRa (SF7/125 kHz, ~100 ms per beacon): slow beacons once stable, so control traffic
        /// stays near 1% of airtime with dozens of nodes in range.
        /// </summary>
        public NodeLimits WithLoraTiming()
        {
            BeaconIntervalMsMin = 4000;
            BeaconIntervalMsMax = 300000;
            ParentBeaconIntervalMsMax = 300000; // airtime first: a LoRa parent beacons like everyone else
            ParentDwellMs = 600000;
            ParentChallengeMs = 600000;
            ParentDistanceHalfScoreM = 2000;
            TelemetryAckTimeoutMs = 3000; // a full frame is ~0.4 s on air each way at SF7, and the parent may be sending
            TelemetryFlushDelayMs = 60000; // airtime first: fewer, fuller frames
            UplinkFailuresBeforeSuspect = 6; // ALOHA collisions make runs of 3 common: 3 doubled the orphans and the airtime (docs/performance.md)
            return this;
        }

        /// <summary>A small leaf: an ESP32 sensor on a LoRa or ESP-NOW radio.</summary>
        public static NodeLimits Esp32Leaf()
        {
            NodeLimits limits = new NodeLimits();
            limits.NeighbourCapacity = 16;
            limits.ChildCapacity = 4;
            limits.LateralPeerCapacity = 4;
            limits.EventRingCapacity = 16;
            limits.OutgoingQueueCapacity = 4;
            limits.FrameBytesMax = 255;
            limits.TelemetryBufferCount = 16;
            limits.TelemetryBufferBytes = 2048;
            limits.TelemetryInboxCount = 0; // a leaf never roots a root-capable tree
            limits.TelemetryInboxBytes = 0;
            limits.DuplicateCacheCapacity = 32;
            limits.HopLimit = 8;
            return limits;
        }

        /// <summary>A gateway: a Raspberry Pi or ARM box on UDP with room for a large neighbourhood.</summary>
        public static NodeLimits Gateway()
        {
            NodeLimits limits = new NodeLimits();
            limits.NeighbourCapacity = 256;
            limits.ChildCapacity = 64;
            limits.LateralPeerCapacity = 32;
            limits.EventRingCapacity = 256;
            limits.OutgoingQueueCapacity = 64;
            limits.FrameBytesMax = 1200;
            limits.TelemetryBufferCount = 1024;
            limits.TelemetryBufferBytes = 262144;
            limits.TelemetryInboxCount = 1024;
            limits.TelemetryInboxBytes = 262144;
            limits.DuplicateCacheCapacity = 1024;
            limits.HopLimit = 16;
            limits.FirstBeaconDelayMsMax = 0;
            return limits;
        }

        /// <summary>A copy that can be changed without affecting this instance.</summary>
        public NodeLimits Clone()
        {
            return (NodeLimits)MemberwiseClone();
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is out of range or inconsistent.</summary>
        public void Validate()
        {
            Require(NeighbourCapacity >= 2 && NeighbourCapacity <= NeighbourCapacityCeiling, "NeighbourCapacity", "must be 2.." + NeighbourCapacityCeiling.ToString(), NeighbourCapacity);
            Require(ChildCapacity >= 0 && ChildCapacity <= ChildCapacityCeiling, "ChildCapacity", "must be 0.." + ChildCapacityCeiling.ToString(), ChildCapacity);
            Require(ChildCapacity < NeighbourCapacity, "ChildCapacity", "must be smaller than NeighbourCapacity (children are neighbours, and the parent needs a slot too)", ChildCapacity);
            Require(LateralPeerCapacity >= 0 && LateralPeerCapacity < NeighbourCapacity, "LateralPeerCapacity", "must be 0..NeighbourCapacity-1", LateralPeerCapacity);
            Require(EventRingCapacity >= 4 && EventRingCapacity <= 65536, "EventRingCapacity", "must be 4..65536", EventRingCapacity);
            Require(OutgoingQueueCapacity >= 2 && OutgoingQueueCapacity <= 4096, "OutgoingQueueCapacity", "must be 2..4096", OutgoingQueueCapacity);
            Require(FrameBytesMax >= FrameBytesFloor && FrameBytesMax <= 65507, "FrameBytesMax", "must be " + FrameBytesFloor.ToString() + "..65507 (a UDP datagram)", FrameBytesMax);
            Require(TelemetryBufferCount >= 0 && TelemetryBufferCount <= 65536, "TelemetryBufferCount", "must be 0..65536", TelemetryBufferCount);
            Require(TelemetryBufferBytes >= 0 && TelemetryBufferBytes <= 16777216, "TelemetryBufferBytes", "must be 0..16777216", TelemetryBufferBytes);
            Require(TelemetryBufferCount == 0 || TelemetryBufferBytes >= FrameBytesMax, "TelemetryBufferBytes", "must hold at least one frame (FrameBytesMax) when TelemetryBufferCount > 0", TelemetryBufferBytes);
            Require(TelemetryPayloadBytesMax >= 1 && TelemetryPayloadBytesMax <= 65535, "TelemetryPayloadBytesMax", "must be 1..65535 (in effect at most what one record in one frame leaves room for)", TelemetryPayloadBytesMax);
            Require(TelemetryInboxCount >= 0 && TelemetryInboxCount <= 65536, "TelemetryInboxCount", "must be 0..65536", TelemetryInboxCount);
            Require(TelemetryInboxBytes >= 0 && TelemetryInboxBytes <= 16777216, "TelemetryInboxBytes", "must be 0..16777216", TelemetryInboxBytes);
            Require(TelemetryInboxCount == 0 || TelemetryInboxBytes >= TelemetryPayloadBytesCap, "TelemetryInboxBytes", "must hold at least one record (TelemetryPayloadBytesCap) when TelemetryInboxCount > 0", TelemetryInboxBytes);
            Require(TelemetryAckTimeoutMs >= 10 && TelemetryAckTimeoutMs <= 600000, "TelemetryAckTimeoutMs", "must be 10..600000", TelemetryAckTimeoutMs);
            Require(TelemetryFlushDelayMs >= 0 && TelemetryFlushDelayMs <= 3600000, "TelemetryFlushDelayMs", "must be 0..3600000", TelemetryFlushDelayMs);
            Require(DuplicateCacheCapacity >= 1 && DuplicateCacheCapacity <= 65536, "DuplicateCacheCapacity", "must be 1..65536", DuplicateCacheCapacity);
            Require(HopLimit >= 1 && HopLimit <= 32, "HopLimit", "must be 1..32", HopLimit);
            Require(BeaconIntervalMsMin >= BeaconIntervalMsFloor, "BeaconIntervalMsMin", "must be at least 100 ms", BeaconIntervalMsMin);
            Require(BeaconIntervalMsMax >= BeaconIntervalMsMin, "BeaconIntervalMsMax", "must be >= BeaconIntervalMsMin", BeaconIntervalMsMax);
            Require(FirstBeaconDelayMsMax >= 0, "FirstBeaconDelayMsMax", "must not be negative", FirstBeaconDelayMsMax);
            Require(ParentBeaconIntervalMsMax > 0, "ParentBeaconIntervalMsMax", "must be positive", ParentBeaconIntervalMsMax);
            Require(BeaconIntervalMsMax <= BeaconIntervalMsCeiling, "BeaconIntervalMsMax", "must be <= " + BeaconIntervalMsCeiling.ToString() + " (the wire hint is 16 bits of 100 ms)", BeaconIntervalMsMax);
            Require(BeaconJitterPercent >= 0 && BeaconJitterPercent <= 50, "BeaconJitterPercent", "must be 0..50", BeaconJitterPercent);
            Require(MissedBeaconsBeforeLoss >= 1 && MissedBeaconsBeforeLoss <= 15, "MissedBeaconsBeforeLoss", "must be 1..15", MissedBeaconsBeforeLoss);
            Require(AuthTagBytes >= 4 && AuthTagBytes <= 32, "AuthTagBytes", "must be 4..32 (a truncated HMAC-SHA256)", AuthTagBytes);
            Require(ParentSwitchThresholdPercent >= 0 && ParentSwitchThresholdPercent <= 100, "ParentSwitchThresholdPercent", "must be 0..100", ParentSwitchThresholdPercent);
            Require(ParentDwellMs >= 0, "ParentDwellMs", "must not be negative", ParentDwellMs);
            Require(ParentChallengeMs >= 0, "ParentChallengeMs", "must not be negative", ParentChallengeMs);
            Require(ParentLinkQualityMinPermille >= 0 && ParentLinkQualityMinPermille <= 1000, "ParentLinkQualityMinPermille", "must be 0..1000", ParentLinkQualityMinPermille);
            Require(ParentLinkQualityDropPermille >= 0 && ParentLinkQualityDropPermille <= ParentLinkQualityMinPermille, "ParentLinkQualityDropPermille", "must be 0..ParentLinkQualityMinPermille", ParentLinkQualityDropPermille);
            Require(ParentDistanceHalfScoreM >= 1, "ParentDistanceHalfScoreM", "must be at least 1 m", ParentDistanceHalfScoreM);
            Require(FeasibleTreeCapacity >= 1 && FeasibleTreeCapacity <= 64, "FeasibleTreeCapacity", "must be 1..64", FeasibleTreeCapacity);
            Require(RankIncreaseMax >= Topology.Rank.StepMin && RankIncreaseMax <= Topology.Rank.Max, "RankIncreaseMax", "must be Rank.StepMin..Rank.Max", RankIncreaseMax);
            Require(CellPrecision >= 0 && CellPrecision <= 12, "CellPrecision", "must be 0..12 (0 = no cells)", CellPrecision);
            Require(LeaderBatteryMinPercent >= 0 && LeaderBatteryMinPercent <= 100, "LeaderBatteryMinPercent", "must be 0..100", LeaderBatteryMinPercent);
            Require(UplinkFailuresBeforeSuspect >= 1 && UplinkFailuresBeforeSuspect <= 255, "UplinkFailuresBeforeSuspect", "must be 1..255", UplinkFailuresBeforeSuspect);
            Require(AssignmentCapacity >= 1 && AssignmentCapacity <= 256, "AssignmentCapacity", "must be 1..256", AssignmentCapacity);
            Require(AssignmentTimeoutMs >= 1000, "AssignmentTimeoutMs", "must be at least 1000 ms", AssignmentTimeoutMs);
        }

        private static void Require(bool condition, string field, string rule, int actual)
        {
            if (!condition)
            {
                throw new ArgumentException("NodeLimits." + field + " " + rule + " (was " + actual.ToString() + ")", field);
            }
        }
    }
}
