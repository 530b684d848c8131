using Peat.Edge.Core.Wire;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// One realistic beacon (a level-2 member in Zürich with a parent), in both shapes, so every codec
    /// benchmark encodes and decodes the same content.
    /// </summary>
    public static class SampleBeacon
    {
        public const uint SourceId = 0x0A000017;
        public const ushort Sequence = 0x0102;

        public static FrameHeader Header()
        {
            return new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, SourceId, Sequence);
        }

        public static BeaconBody Body()
        {
            BeaconBody body = default;
            body.Level = 2;
            body.Role = NodeRole.Member;
            body.HasPosition = true;
            body.LatitudeE7 = 473977000;
            body.LongitudeE7 = 85456000;
            body.Capabilities = (Capabilities)0x2D;
            body.BatteryPercent = 87;
            body.LoadPercent = 25;
            body.ParentId = 0x0A000001;
            body.PartitionId = 0x1234;
            body.Rank = 512;
            body.IntervalHintDs = 50;
            return body;
        }

        public static BeaconDto Dto()
        {
            return new BeaconDto
            {
                Level = 2,
                Role = (byte)NodeRole.Member,
                LatitudeE7 = 473977000,
                LongitudeE7 = 85456000,
                Capabilities = 0x2D,
                BatteryPercent = 87,
                LoadPercent = 25,
                ParentId = 0x0A000001,
                PartitionId = 0x1234,
                Rank = 512,
                IntervalHintDs = 50,
            };
        }
    }
}
