using System.Buffers;
using MessagePack;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Wire;

public sealed class BeaconWireTests
{
    private const int TagBytes = 8;
    private readonly ITestOutputHelper _output;

    public BeaconWireTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> VectorNames() => new(BeaconVectors.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Core_encodes_each_vector_to_its_documented_bytes(string name)
    {
        var vector = BeaconVectors.All.Single(v => v.Name == name);
        string hex = Convert.ToHexString(Encode(vector)).ToLowerInvariant();
        _output.WriteLine($"{name}: {hex} ({hex.Length / 2} bytes)");
        Assert.Equal(vector.Hex, hex);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Each_vector_body_decodes_field_by_field_with_MessagePackCSharp_and_the_core(string name)
    {
        var vector = BeaconVectors.All.Single(v => v.Name == name);
        byte[] frame = Convert.FromHexString(vector.Hex);

        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(vector.Flags, header.Flags);
        Assert.Equal(vector.KeyId, header.KeyId);
        Assert.Equal(vector.SourceId, header.SourceId);
        Assert.Equal(vector.Sequence, header.Sequence);
        Assert.Equal(FrameType.Beacon, header.Type);
        Assert.Equal(WireError.None, BeaconBody.TryRead(frame, bodyOffset, bodyCount, out BeaconBody core));
        Assert.Equal(vector.Body, core);

        var reference = ReferenceBeacon.Read(frame.AsMemory(bodyOffset, bodyCount));
        Assert.Equal(vector.Body, reference);
        Assert.All(frame.Skip(bodyOffset + bodyCount), b => Assert.Equal(0, b)); // tag reserved, zero until security lands
    }

    [Fact]
    public void The_wire_format_doc_shows_every_vector_exactly()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "wire-format.md"));
        foreach (var vector in BeaconVectors.All)
        {
            Assert.Contains(vector.Hex, doc);
        }

        Assert.Contains(BeaconVectors.ForwardCompatibleHex, doc);
    }

    [Fact]
    public void Typical_and_maximal_beacon_frames_fit_48_bytes_with_an_8_byte_tag()
    {
        int typical = Encode(BeaconVectors.Typical).Length;
        int maximal = Encode(BeaconVectors.Maximal).Length;
        _output.WriteLine($"typical beacon frame: {typical} bytes; maximal: {maximal} bytes (limit 48)");
        Assert.True(typical <= 48, $"typical beacon is {typical} bytes");
        Assert.Equal(FrameCodec.BeaconFrameBytesMax(TagBytes), maximal);
        Assert.True(maximal <= 48, $"maximal beacon is {maximal} bytes");
    }

    [Fact]
    public void Random_beacons_encoded_by_the_core_read_back_identically_in_MessagePackCSharp_and_the_core()
    {
        var random = new Random(4242);
        byte[] frame = new byte[64];
        int largest = 0;
        for (int i = 0; i < 20000; i++)
        {
            BeaconBody body = RandomBody(random);
            var header = new FrameHeader(FrameType.Beacon, (FrameFlags)random.Next(0, 4), (byte)random.Next(0, 16), (uint)random.NextInt64(1, uint.MaxValue), (ushort)random.Next(0, 65536));
            int length = FrameCodec.WriteBeacon(header, body, TagBytes, frame, 0, frame.Length);
            Assert.InRange(length, 1, FrameCodec.BeaconFrameBytesMax(TagBytes));
            largest = Math.Max(largest, length);

            Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, length, TagBytes, out FrameHeader readHeader, out int bodyOffset, out int bodyCount));
            Assert.Equal(header, readHeader);
            Assert.Equal(body, ReferenceBeacon.Read(frame.AsMemory(bodyOffset, bodyCount)));
            Assert.Equal(WireError.None, BeaconBody.TryRead(frame, bodyOffset, bodyCount, out BeaconBody core));
            Assert.Equal(body, core);
        }

        _output.WriteLine($"largest random beacon frame: {largest} bytes");
    }

    [Fact]
    public void Beacons_written_by_MessagePackCSharp_are_read_by_the_core()
    {
        var random = new Random(777);
        for (int i = 0; i < 5000; i++)
        {
            BeaconBody body = RandomBody(random);
            byte[] bytes = ReferenceBeacon.Write(body);
            Assert.Equal(WireError.None, BeaconBody.TryRead(bytes, 0, bytes.Length, out BeaconBody core));
            Assert.Equal(body, core);
        }
    }

    [Fact]
    public void Extra_trailing_fields_from_a_newer_version_are_skipped()
    {
        byte[] frame = Convert.FromHexString(BeaconVectors.ForwardCompatibleHex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out _, out int bodyOffset, out int bodyCount));
        Assert.Equal(WireError.None, BeaconBody.TryRead(frame, bodyOffset, bodyCount, out BeaconBody body));
        Assert.Equal(BeaconVectors.Typical.Body, body);
    }

    [Theory]
    [InlineData("battery 101", 5, 101, WireError.InvalidField)]
    [InlineData("load 101", 6, 101, WireError.InvalidField)]
    [InlineData("role 3", 1, 3, WireError.InvalidField)]
    [InlineData("level 16", 0, 16, WireError.InvalidField)]
    [InlineData("latitude past the pole", 2, 900000001, WireError.InvalidField)]
    [InlineData("longitude past the antimeridian", 3, -1800000001, WireError.InvalidField)]
    [InlineData("parent id 0 sent as a number", 7, 0, WireError.InvalidField)]
    [InlineData("parent is broadcast", 7, 0xFFFFFFFFL, WireError.InvalidField)]
    [InlineData("interval hint 0", 10, 0, WireError.InvalidField)]
    [InlineData("rank beyond 16 bits", 9, 70000, WireError.InvalidField)]
    public void Out_of_range_fields_are_refused(string what, int field, long value, WireError expected)
    {
        object?[] fields = ReferenceBeacon.Fields(BeaconVectors.Typical.Body);
        fields[field] = value;
        byte[] bytes = MessagePackSerializer.Serialize(fields);
        Assert.Equal(expected, BeaconBody.TryRead(bytes, 0, bytes.Length, out _));
        _output.WriteLine($"{what}: {expected}");
    }

    [Fact]
    public void Wrong_shapes_are_refused_not_thrown()
    {
        byte[][] bad =
        {
            MessagePackSerializer.Serialize(new object?[] { 1, 2, 3 }), // too few fields
            MessagePackSerializer.Serialize(new Dictionary<string, int> { ["level"] = 1 }), // a map
            MessagePackSerializer.Serialize("beacon"), // a string
            MessagePackSerializer.Serialize(ReferenceBeacon.Fields(BeaconVectors.Typical.Body).Select((f, i) => i == 4 ? (object)"caps" : f).ToArray()),
            MessagePackSerializer.Serialize(ReferenceBeacon.Fields(BeaconVectors.Typical.Body).Select((f, i) => i == 2 ? null : f).ToArray()), // lat nil, lon not
        };
        foreach (byte[] bytes in bad)
        {
            Assert.NotEqual(WireError.None, BeaconBody.TryRead(bytes, 0, bytes.Length, out _));
        }
    }

    [Fact]
    public void Bytes_between_body_and_tag_make_the_frame_malformed()
    {
        byte[] frame = Convert.FromHexString(BeaconVectors.Typical.Hex);
        byte[] padded = frame.Take(frame.Length - TagBytes).Append((byte)0x00).Concat(new byte[TagBytes]).ToArray();
        Assert.Equal(WireError.None, FrameCodec.TryRead(padded, 0, padded.Length, TagBytes, out _, out int bodyOffset, out int bodyCount));
        Assert.Equal(WireError.Malformed, BeaconBody.TryRead(padded, bodyOffset, bodyCount, out _));
    }

    [Fact]
    public void Envelope_version_and_type_are_checked()
    {
        byte[] frame = Convert.FromHexString(BeaconVectors.Typical.Hex);
        frame[0] = 0x21; // version 2
        Assert.Equal(WireError.UnsupportedVersion, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out _, out _, out _));
        frame[0] = 0x1f; // version 1, type 15
        Assert.Equal(WireError.UnknownType, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out _, out _, out _));
        Assert.Equal(WireError.Truncated, FrameCodec.TryRead(frame, 0, FrameHeader.Bytes + TagBytes, TagBytes, out _, out _, out _));
    }

    internal static BeaconBody RandomBody(Random random)
    {
        bool hasPosition = random.Next(4) != 0;
        return new BeaconBody
        {
            Level = (byte)random.Next(0, BeaconBody.LevelMax + 1),
            Role = (NodeRole)random.Next(0, 3),
            HasPosition = hasPosition,
            LatitudeE7 = hasPosition ? random.Next(-BeaconBody.LatitudeE7Max, BeaconBody.LatitudeE7Max + 1) : 0,
            LongitudeE7 = hasPosition ? random.Next(-BeaconBody.LongitudeE7Max, BeaconBody.LongitudeE7Max + 1) : 0,
            Capabilities = (Capabilities)random.Next(0, 65536),
            BatteryPercent = random.Next(5) == 0 ? BeaconBody.BatteryUnknown : (byte)random.Next(0, 101),
            LoadPercent = (byte)random.Next(0, 101),
            ParentId = random.Next(4) == 0 ? 0 : (uint)random.NextInt64(1, uint.MaxValue),
            PartitionId = (ushort)random.Next(0, 65536),
            Rank = (ushort)random.Next(0, 65536),
            IntervalHintDs = (ushort)random.Next(1, 65536),
        };
    }

    internal static byte[] Encode(BeaconVectors.Vector vector)
    {
        byte[] frame = new byte[128];
        var header = new FrameHeader(FrameType.Beacon, vector.Flags, vector.KeyId, vector.SourceId, vector.Sequence);
        int length = FrameCodec.WriteBeacon(header, vector.Body, TagBytes, frame, 0, frame.Length);
        return frame.AsSpan(0, length).ToArray();
    }
}

/// <summary>The beacon body as an independent reader would see it: through MessagePack-CSharp's own reader.</summary>
internal static class ReferenceBeacon
{
    public static BeaconBody Read(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        int fields = reader.ReadArrayHeader();
        Assert.True(fields >= BeaconBody.FieldCount);
        var result = new BeaconBody
        {
            Level = reader.ReadByte(),
            Role = (NodeRole)reader.ReadByte(),
        };
        if (reader.TryReadNil())
        {
            Assert.True(reader.TryReadNil());
        }
        else
        {
            result.HasPosition = true;
            result.LatitudeE7 = reader.ReadInt32();
            result.LongitudeE7 = reader.ReadInt32();
        }

        result.Capabilities = (Capabilities)reader.ReadUInt16();
        result.BatteryPercent = reader.TryReadNil() ? BeaconBody.BatteryUnknown : reader.ReadByte();
        result.LoadPercent = reader.ReadByte();
        result.ParentId = reader.TryReadNil() ? 0 : reader.ReadUInt32();
        result.PartitionId = reader.ReadUInt16();
        result.Rank = reader.ReadUInt16();
        result.IntervalHintDs = reader.ReadUInt16();
        for (int i = BeaconBody.FieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        Assert.True(reader.End);
        return result;
    }

    public static object?[] Fields(BeaconBody body) => new object?[]
    {
        body.Level, (byte)body.Role,
        body.HasPosition ? body.LatitudeE7 : null, body.HasPosition ? body.LongitudeE7 : null,
        (ushort)body.Capabilities, body.BatteryPercent == BeaconBody.BatteryUnknown ? null : body.BatteryPercent,
        body.LoadPercent, body.ParentId == 0 ? null : body.ParentId, body.PartitionId, body.Rank, body.IntervalHintDs,
    };

    public static byte[] Write(BeaconBody body) => MessagePackSerializer.Serialize(Fields(body));
}
