using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// What a target accepts as an assignment's value. The wire carries any value of the field's type,
    /// so a bad value reaches the target and is answered Refused rather than dropped in silence.
    /// </summary>
    public static class AssignmentRules
    {
        /// <summary>Largest geohash precision a cell assignment may name.</summary>
        public const int CellPrecisionMax = 12;

        /// <summary>
        /// True when <paramref name="targetId"/> can apply the command: a known kind; level 0..15 with
        /// precision 0; a cell of precision 1..12 whose bits fit 5 × precision; a parent that is a valid
        /// node id other than the target, with precision 0.
        /// </summary>
        public static bool IsValid(AssignmentKind kind, ulong value, int precision, uint targetId)
        {
            switch (kind)
            {
                case AssignmentKind.Level:
                    return value <= BeaconBody.LevelMax && precision == 0;
                case AssignmentKind.Cell:
                    return precision >= 1 && precision <= CellPrecisionMax && (value >> (5 * precision)) == 0UL;
                case AssignmentKind.Parent:
                    return value <= FrameHeader.NodeIdBroadcast && FrameHeader.IsValidNodeId((uint)value) && (uint)value != targetId && precision == 0;
                default:
                    return false;
            }
        }
    }
}
