using MessagePack;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Wire;

/// <summary>Command and command status frames: vectors, an independent decoder, ranges, forward compatibility, relaying.</summary>
public sealed class CommandWireTests
{
    private const int TagBytes = 8;
    private readonly ITestOutputHelper _output;

    public CommandWireTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> CommandNames() => new(CommandVectors.Commands.Select(v => v.Name));

    public static TheoryData<string> StatusNames() => new(CommandVectors.Statuses.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Core_encodes_each_command_vector_to_its_documented_bytes(string name)
    {
        var vector = CommandVectors.Commands.Single(v => v.Name == name);
        string hex = Convert.ToHexString(Encode(vector)).ToLowerInvariant();
        _output.WriteLine($"{name}: {hex} ({hex.Length / 2} bytes)");
        Assert.Equal(vector.Hex, hex);
    }

    [Theory]
    [MemberData(nameof(StatusNames))]
    public void Core_encodes_each_status_vector_to_its_documented_bytes(string name)
    {
        var vector = CommandVectors.Statuses.Single(v => v.Name == name);
        string hex = Convert.ToHexString(Encode(vector)).ToLowerInvariant();
        _output.WriteLine($"{name}: {hex} ({hex.Length / 2} bytes)");
        Assert.Equal(vector.Hex, hex);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Each_command_vector_decodes_field_by_field_with_MessagePackCSharp_and_the_core(string name)
    {
        var vector = CommandVectors.Commands.Single(v => v.Name == name);
        byte[] frame = Convert.FromHexString(vector.Hex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(FrameType.Command, header.Type);
        Assert.Equal(FrameFlags.None, header.Flags);
        Assert.Equal(vector.KeyId, header.KeyId);
        Assert.Equal(vector.SourceId, header.SourceId);
        Assert.Equal(vector.Sequence, header.Sequence);
        Assert.Equal(WireError.None, CommandBody.TryRead(frame, bodyOffset, bodyCount, out CommandBody core));
        Assert.Equal(vector.Body, core);
        Assert.Equal(vector.Body, ReferenceCommand.Read(frame.AsMemory(bodyOffset, bodyCount)));
        Assert.All(frame.Skip(bodyOffset + bodyCount), b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(StatusNames))]
    public void Each_status_vector_decodes_field_by_field_with_MessagePackCSharp_and_the_core(string name)
    {
        var vector = CommandVectors.Statuses.Single(v => v.Name == name);
        byte[] frame = Convert.FromHexString(vector.Hex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(FrameType.CommandStatus, header.Type);
        Assert.Equal(vector.KeyId, header.KeyId);
        Assert.Equal(vector.SourceId, header.SourceId);
        Assert.Equal(vector.Sequence, header.Sequence);
        Assert.Equal(WireError.None, CommandStatusBody.TryRead(frame, bodyOffset, bodyCount, out CommandStatusBody core));
        Assert.Equal(vector.Body, core);
        Assert.Equal(vector.Body, ReferenceStatus.Read(frame.AsMemory(bodyOffset, bodyCount)));
        Assert.All(frame.Skip(bodyOffset + bodyCount), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_wire_format_doc_shows_every_command_and_status_vector_exactly()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "wire-format.md"));
        foreach (var vector in CommandVectors.Commands)
        {
            Assert.Contains(vector.Hex, doc);
        }

        foreach (var vector in CommandVectors.Statuses)
        {
            Assert.Contains(vector.Hex, doc);
        }

        Assert.Contains(CommandVectors.ForwardCompatibleCommandHex, doc);
    }

    [Fact]
    public void The_cell_vector_carries_the_geohash_of_Zurich_at_precision_6()
    {
        GeohashCell cell = Geohash.Encode(473977000, 85456000, 6);
        Assert.Equal("u0qjdk", cell.ToString());
        Assert.Equal(CommandVectors.ZurichCellBits, cell.Bits);
    }

    [Fact]
    public void Maximal_frames_are_the_documented_maxima_and_fit_a_LoRa_payload()
    {
        int command = Encode(CommandVectors.MaximalCommand).Length;
        int status = Encode(CommandVectors.MaximalStatus).Length;
        _output.WriteLine($"maximal command frame: {command} bytes; maximal status frame: {status} bytes");
        Assert.Equal(FrameCodec.CommandFrameBytesMax(TagBytes), command);
        Assert.Equal(FrameCodec.CommandStatusFrameBytesMax(TagBytes), status);
        Assert.Equal(40, command);
        Assert.Equal(36, status);
    }

    [Fact]
    public void Random_commands_and_statuses_read_back_identically_in_MessagePackCSharp_and_the_core()
    {
        var random = new Random(2026);
        byte[] frame = new byte[64];
        for (int i = 0; i < 20000; i++)
        {
            CommandBody command = RandomCommand(random);
            var header = new FrameHeader(FrameType.Command, FrameFlags.None, (byte)random.Next(0, 16), (uint)random.NextInt64(1, uint.MaxValue), (ushort)random.Next(0, 65536));
            int length = FrameCodec.WriteCommand(header, command, TagBytes, frame, 0, frame.Length);
            Assert.InRange(length, 1, FrameCodec.CommandFrameBytesMax(TagBytes));
            Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, length, TagBytes, out FrameHeader readHeader, out int bodyOffset, out int bodyCount));
            Assert.Equal(header, readHeader);
            Assert.Equal(command, ReferenceCommand.Read(frame.AsMemory(bodyOffset, bodyCount)));
            Assert.Equal(WireError.None, CommandBody.TryRead(frame, bodyOffset, bodyCount, out CommandBody core));
            Assert.Equal(command, core);

            CommandStatusBody status = RandomStatus(random);
            header = new FrameHeader(FrameType.CommandStatus, FrameFlags.None, 0, (uint)random.NextInt64(1, uint.MaxValue), (ushort)random.Next(0, 65536));
            length = FrameCodec.WriteCommandStatus(header, status, TagBytes, frame, 0, frame.Length);
            Assert.InRange(length, 1, FrameCodec.CommandStatusFrameBytesMax(TagBytes));
            Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, length, TagBytes, out _, out bodyOffset, out bodyCount));
            Assert.Equal(status, ReferenceStatus.Read(frame.AsMemory(bodyOffset, bodyCount)));
            Assert.Equal(WireError.None, CommandStatusBody.TryRead(frame, bodyOffset, bodyCount, out CommandStatusBody coreStatus));
            Assert.Equal(status, coreStatus);
        }
    }

    [Fact]
    public void Bodies_written_by_MessagePackCSharp_are_read_by_the_core()
    {
        var random = new Random(99);
        for (int i = 0; i < 5000; i++)
        {
            CommandBody command = RandomCommand(random);
            byte[] bytes = MessagePackSerializer.Serialize(ReferenceCommand.Fields(command));
            Assert.Equal(WireError.None, CommandBody.TryRead(bytes, 0, bytes.Length, out CommandBody core));
            Assert.Equal(command, core);

            CommandStatusBody status = RandomStatus(random);
            bytes = MessagePackSerializer.Serialize(ReferenceStatus.Fields(status));
            Assert.Equal(WireError.None, CommandStatusBody.TryRead(bytes, 0, bytes.Length, out CommandStatusBody coreStatus));
            Assert.Equal(status, coreStatus);
        }
    }

    [Fact]
    public void Extra_trailing_fields_are_skipped_and_survive_a_relay()
    {
        byte[] frame = Convert.FromHexString(CommandVectors.ForwardCompatibleCommandHex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out _, out int bodyOffset, out int bodyCount));
        Assert.Equal(WireError.None, CommandBody.TryRead(frame, bodyOffset, bodyCount, out CommandBody body, out int hopsOffset, out int hopsEnd));
        Assert.Equal(CommandVectors.Parent.Body, body);

        byte[] relayed = new byte[frame.Length];
        int length = FloodRelay.WriteRelayed(frame, 0, frame.Length, hopsOffset, hopsEnd, 7, relayed, 0);
        Assert.Equal(frame.Length, length);
        string expected = CommandVectors.ForwardCompatibleCommandHex.Replace("0008a17801", "0007a17801");
        Assert.Equal(expected, Convert.ToHexString(relayed, 0, length).ToLowerInvariant());
        Assert.Equal(WireError.None, CommandBody.TryRead(relayed, bodyOffset, length - FrameHeader.Bytes - TagBytes, out CommandBody relayedBody));
        Assert.Equal(7, relayedBody.HopsLeft);
    }

    [Fact]
    public void A_relay_rewrites_a_wide_hop_count_in_its_smallest_encoding()
    {
        // hops_left 200 is uint8 (cc c8); the relay with hop limit 8 writes 7 as one byte, so the frame shrinks by one.
        var body = CommandVectors.Parent.Body with { HopsLeft = 200 };
        byte[] frame = new byte[64];
        int length = FrameCodec.WriteCommand(new FrameHeader(FrameType.Command, FrameFlags.None, 0, 1, 1), body, TagBytes, frame, 0, frame.Length);
        Assert.Equal(WireError.None, CommandBody.TryRead(frame, FrameHeader.Bytes, length - FrameHeader.Bytes - TagBytes, out _, out int hopsOffset, out int hopsEnd));
        Assert.Equal(2, hopsEnd - hopsOffset);
        int next = FloodRelay.NextHopsLeft(body.HopsLeft, hopLimit: 8);
        Assert.Equal(7, next);
        byte[] relayed = new byte[64];
        int relayedLength = FloodRelay.WriteRelayed(frame, 0, length, hopsOffset, hopsEnd, next, relayed, 0);
        Assert.Equal(length - 1, relayedLength);
        Assert.Equal(WireError.None, CommandBody.TryRead(relayed, FrameHeader.Bytes, relayedLength - FrameHeader.Bytes - TagBytes, out CommandBody read));
        Assert.Equal(body with { HopsLeft = 7 }, read);
    }

    [Theory]
    [InlineData(8, 8, 7)]
    [InlineData(2, 8, 1)]
    [InlineData(1, 8, 0)]
    [InlineData(255, 8, 7)]
    [InlineData(5, 1, 0)]
    public void Hops_left_drops_by_one_and_is_capped_by_the_relays_hop_limit(int received, int hopLimit, int expected)
    {
        Assert.Equal(expected, FloodRelay.NextHopsLeft(received, hopLimit));
    }

    [Theory]
    [InlineData("command id beyond 16 bits", 0, 65536L)]
    [InlineData("target 0", 1, 0L)]
    [InlineData("target broadcast", 1, 0xFFFFFFFFL)]
    [InlineData("kind 0", 2, 0L)]
    [InlineData("kind beyond a byte", 2, 256L)]
    [InlineData("negative value", 3, -1L)]
    [InlineData("precision beyond a byte", 4, 256L)]
    [InlineData("hops left 0", 5, 0L)]
    [InlineData("hops left beyond a byte", 5, 256L)]
    public void Out_of_range_command_fields_are_refused(string what, int field, long value)
    {
        object?[] fields = ReferenceCommand.Fields(CommandVectors.Parent.Body);
        fields[field] = value;
        byte[] bytes = MessagePackSerializer.Serialize(fields);
        Assert.Equal(WireError.InvalidField, CommandBody.TryRead(bytes, 0, bytes.Length, out CommandBody body));
        Assert.Equal(default, body);
        _output.WriteLine($"{what}: refused");
    }

    [Theory]
    [InlineData("command id beyond 16 bits", 0, 65536L)]
    [InlineData("commander 0", 1, 0L)]
    [InlineData("target broadcast", 2, 0xFFFFFFFFL)]
    [InlineData("state 0 (pending is never sent)", 3, 0L)]
    [InlineData("state beyond a byte", 3, 256L)]
    [InlineData("reason beyond a byte", 4, 256L)]
    [InlineData("hops left 0", 5, 0L)]
    public void Out_of_range_status_fields_are_refused(string what, int field, long value)
    {
        object?[] fields = ReferenceStatus.Fields(CommandVectors.InProgress.Body);
        fields[field] = value;
        byte[] bytes = MessagePackSerializer.Serialize(fields);
        Assert.Equal(WireError.InvalidField, CommandStatusBody.TryRead(bytes, 0, bytes.Length, out _));
        _output.WriteLine($"{what}: refused");
    }

    [Fact]
    public void Wrong_shapes_are_refused_not_thrown()
    {
        object?[] command = ReferenceCommand.Fields(CommandVectors.Parent.Body);
        byte[][] bad =
        {
            MessagePackSerializer.Serialize(new object?[] { 1, 2, 3 }),
            MessagePackSerializer.Serialize(new Dictionary<string, int> { ["kind"] = 1 }),
            MessagePackSerializer.Serialize("command"),
            MessagePackSerializer.Serialize(command.Select((f, i) => i == 2 ? (object)"parent" : f).ToArray()),
            MessagePackSerializer.Serialize(command.Select((f, i) => i == 3 ? null : f).ToArray()),
            MessagePackSerializer.Serialize(command.Select((f, i) => i == 3 ? (object)1.5 : f).ToArray()),
        };
        foreach (byte[] bytes in bad)
        {
            Assert.NotEqual(WireError.None, CommandBody.TryRead(bytes, 0, bytes.Length, out _));
            Assert.NotEqual(WireError.None, CommandStatusBody.TryRead(bytes, 0, bytes.Length, out _));
        }
    }

    [Fact]
    public void Bytes_between_body_and_tag_make_a_command_malformed()
    {
        byte[] frame = Convert.FromHexString(CommandVectors.Parent.Hex);
        byte[] padded = frame.Take(frame.Length - TagBytes).Append((byte)0x00).Concat(new byte[TagBytes]).ToArray();
        Assert.Equal(WireError.None, FrameCodec.TryRead(padded, 0, padded.Length, TagBytes, out _, out int bodyOffset, out int bodyCount));
        Assert.Equal(WireError.Malformed, CommandBody.TryRead(padded, bodyOffset, bodyCount, out _));
    }

    [Fact]
    public void The_envelope_accepts_types_1_to_5_and_refuses_the_reserved_ones()
    {
        byte[] frame = Convert.FromHexString(CommandVectors.Parent.Hex);
        for (int type = 0; type < 16; type++)
        {
            frame[0] = (byte)(0x10 | type);
            WireError expected = type >= 1 && type <= 5 ? WireError.None : WireError.UnknownType; // 4 telemetry, 5 its acknowledgement
            Assert.Equal(expected, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out _, out _, out _));
        }
    }

    internal static CommandBody RandomCommand(Random random) => new()
    {
        CommandId = (ushort)random.Next(0, 65536),
        TargetId = (uint)random.NextInt64(1, uint.MaxValue),
        Kind = (AssignmentKind)random.Next(1, 256),
        Value = random.Next(3) switch { 0 => (ulong)random.Next(0, 128), 1 => (ulong)random.NextInt64(0, uint.MaxValue), _ => (ulong)random.NextInt64() * 2 },
        Precision = (byte)random.Next(0, 256),
        HopsLeft = (byte)random.Next(1, 256),
    };

    internal static CommandStatusBody RandomStatus(Random random) => new()
    {
        CommandId = (ushort)random.Next(0, 65536),
        CommanderId = (uint)random.NextInt64(1, uint.MaxValue),
        TargetId = (uint)random.NextInt64(1, uint.MaxValue),
        State = (AssignmentState)random.Next(1, 256),
        Reason = (AssignmentFailure)random.Next(0, 256),
        HopsLeft = (byte)random.Next(1, 256),
    };

    private static byte[] Encode(CommandVectors.Command vector)
    {
        byte[] frame = new byte[128];
        int length = FrameCodec.WriteCommand(new FrameHeader(FrameType.Command, FrameFlags.None, vector.KeyId, vector.SourceId, vector.Sequence), vector.Body, TagBytes, frame, 0, frame.Length);
        return frame.AsSpan(0, length).ToArray();
    }

    private static byte[] Encode(CommandVectors.Status vector)
    {
        byte[] frame = new byte[128];
        int length = FrameCodec.WriteCommandStatus(new FrameHeader(FrameType.CommandStatus, FrameFlags.None, vector.KeyId, vector.SourceId, vector.Sequence), vector.Body, TagBytes, frame, 0, frame.Length);
        return frame.AsSpan(0, length).ToArray();
    }
}

/// <summary>The command body as MessagePack-CSharp's own reader sees it.</summary>
internal static class ReferenceCommand
{
    public static CommandBody Read(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        int fields = reader.ReadArrayHeader();
        Assert.True(fields >= CommandBody.FieldCount);
        var result = new CommandBody
        {
            CommandId = reader.ReadUInt16(),
            TargetId = reader.ReadUInt32(),
            Kind = (AssignmentKind)reader.ReadByte(),
            Value = reader.ReadUInt64(),
            Precision = reader.ReadByte(),
            HopsLeft = reader.ReadByte(),
        };
        for (int i = CommandBody.FieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        Assert.True(reader.End);
        return result;
    }

    public static object?[] Fields(CommandBody body) => new object?[]
    {
        body.CommandId, body.TargetId, (byte)body.Kind, body.Value, body.Precision, body.HopsLeft,
    };
}

/// <summary>The command status body as MessagePack-CSharp's own reader sees it.</summary>
internal static class ReferenceStatus
{
    public static CommandStatusBody Read(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        int fields = reader.ReadArrayHeader();
        Assert.True(fields >= CommandStatusBody.FieldCount);
        var result = new CommandStatusBody
        {
            CommandId = reader.ReadUInt16(),
            CommanderId = reader.ReadUInt32(),
            TargetId = reader.ReadUInt32(),
            State = (AssignmentState)reader.ReadByte(),
            Reason = (AssignmentFailure)reader.ReadByte(),
            HopsLeft = reader.ReadByte(),
        };
        for (int i = CommandStatusBody.FieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        Assert.True(reader.End);
        return result;
    }

    public static object?[] Fields(CommandStatusBody body) => new object?[]
    {
        body.CommandId, body.CommanderId, body.TargetId, (byte)body.State, (byte)body.Reason, body.HopsLeft,
    };
}
