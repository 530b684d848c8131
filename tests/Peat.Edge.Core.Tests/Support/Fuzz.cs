using Peat.Edge.Core.Tests.Wire;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Tests;

/// <summary>Seeded frame generators for the bad-input and steady-state tests.</summary>
internal static class Fuzz
{
    /// <summary>Valid beacon frames from sources 1..count, positions spread around Zurich.</summary>
    public static byte[][] ValidBeaconFrames(int count, int tagBytes, int seed = 5)
    {
        var random = new Random(seed);
        var frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            BeaconBody body = BeaconWireTests.RandomBody(random);
            body.HasPosition = true;
            body.LatitudeE7 = 473977000 + random.Next(-50000, 50000);
            body.LongitudeE7 = 85456000 + random.Next(-50000, 50000);
            body.IntervalHintDs = 10;
            byte[] frame = new byte[FrameCodec.BeaconFrameBytesMax(tagBytes)];
            var header = new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, (uint)(i + 1), 1);
            int length = FrameCodec.WriteBeacon(header, body, tagBytes, frame, 0, frame.Length);
            frames[i] = frame.AsSpan(0, length).ToArray();
        }

        return frames;
    }
}
