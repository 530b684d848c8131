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

    /// <summary>
    /// Valid command frames (type 2) from sources 1..count: every kind, in-range and invalid values, a
    /// quarter of them addressed to <paramref name="targetId"/> so the target's path runs too.
    /// </summary>
    public static byte[][] ValidCommandFrames(int count, int tagBytes, uint targetId, int seed = 6)
    {
        var random = new Random(seed);
        var frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            var body = new CommandBody
            {
                CommandId = (ushort)random.Next(0, 65536),
                TargetId = random.Next(4) == 0 ? targetId : (uint)random.NextInt64(1, uint.MaxValue),
                Kind = (AssignmentKind)random.Next(1, 5),
                Value = random.Next(3) == 0 ? (ulong)random.NextInt64() : (ulong)random.Next(0, 20),
                Precision = (byte)random.Next(0, 14),
                HopsLeft = (byte)random.Next(1, 10),
            };
            byte[] frame = new byte[FrameCodec.CommandFrameBytesMax(tagBytes)];
            int length = FrameCodec.WriteCommand(new FrameHeader(FrameType.Command, FrameFlags.None, 0, (uint)(i + 1), 1), body, tagBytes, frame, 0, frame.Length);
            frames[i] = frame.AsSpan(0, length).ToArray();
        }

        return frames;
    }

    /// <summary>Valid command status frames (type 3) from sources 1..count, a quarter of them addressed to <paramref name="commanderId"/>.</summary>
    public static byte[][] ValidCommandStatusFrames(int count, int tagBytes, uint commanderId, int seed = 7)
    {
        var random = new Random(seed);
        var frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            var body = new CommandStatusBody
            {
                CommandId = (ushort)random.Next(0, 65536),
                CommanderId = random.Next(4) == 0 ? commanderId : (uint)random.NextInt64(1, uint.MaxValue),
                TargetId = (uint)(i + 1),
                State = (AssignmentState)random.Next(1, 4),
                Reason = (AssignmentFailure)random.Next(0, 4),
                HopsLeft = (byte)random.Next(1, 10),
            };
            byte[] frame = new byte[FrameCodec.CommandStatusFrameBytesMax(tagBytes)];
            int length = FrameCodec.WriteCommandStatus(new FrameHeader(FrameType.CommandStatus, FrameFlags.None, 0, (uint)(i + 1), 1), body, tagBytes, frame, 0, frame.Length);
            frames[i] = frame.AsSpan(0, length).ToArray();
        }

        return frames;
    }
}
