using System.Buffers;
using MessagePack;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;
using Record = Peat.Edge.Core.Tests.Wire.TelemetryVectors.Record;

namespace Peat.Edge.Core.Tests.Wire;

/// <summary>
/// Telemetry (type 4) and telemetry acknowledgement (type 5) frames: vectors, an independent decoder and
/// encoder (MessagePack-CSharp), round trips across the bin 8 / bin 16 boundary, refusals, forward
/// compatibility, and byte flips that must never throw.
/// </summary>
public sealed class TelemetryWireTests
{
    private const int TagBytes = 8;
    private const string OneRecordBody = "92ce0a0000029194ce0a000004ce5eed000101c40300e157";
    private const string AcceptedBody = "93ce0a000004cd013101";
    private readonly ITestOutputHelper _output;

    public TelemetryWireTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>A decoded telemetry body: the next hop and the records in order.</summary>
    internal sealed record Decoded(uint NextHop, Record[] Records)
    {
        public bool Equals(Decoded? other) => other != null && NextHop == other.NextHop && Records.SequenceEqual(other.Records);

        public override int GetHashCode() => HashCode.Combine(NextHop, Records.Length);
    }

    public static TheoryData<string> FrameNames() => new(TelemetryVectors.Frames.Select(v => v.Name));

    public static TheoryData<string> AckNames() => new(TelemetryVectors.Acks.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void Core_encodes_each_telemetry_vector_to_its_documented_bytes(string name)
    {
        var vector = TelemetryVectors.Frames.Single(v => v.Name == name);
        string hex = Convert.ToHexString(Encode(vector)).ToLowerInvariant();
        _output.WriteLine($"{name}: {hex} ({hex.Length / 2} bytes)");
        Assert.Equal(vector.Hex, hex);
    }

    [Theory]
    [MemberData(nameof(AckNames))]
    public void Core_encodes_each_acknowledgement_vector_to_its_documented_bytes(string name)
    {
        var vector = TelemetryVectors.Acks.Single(v => v.Name == name);
        string hex = Convert.ToHexString(Encode(vector)).ToLowerInvariant();
        _output.WriteLine($"{name}: {hex} ({hex.Length / 2} bytes)");
        Assert.Equal(vector.Hex, hex);
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void Each_telemetry_vector_decodes_field_by_field_with_MessagePackCSharp_and_the_core(string name)
    {
        var vector = TelemetryVectors.Frames.Single(v => v.Name == name);
        byte[] frame = Convert.FromHexString(vector.Hex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(FrameType.Telemetry, header.Type);
        Assert.Equal(FrameFlags.None, header.Flags);
        Assert.Equal(vector.KeyId, header.KeyId);
        Assert.Equal(vector.SourceId, header.SourceId);
        Assert.Equal(vector.Sequence, header.Sequence);

        var expected = new Decoded(vector.NextHop, vector.Records);
        Assert.Equal(WireError.None, ReadCore(frame, bodyOffset, bodyCount, out Decoded? core));
        Assert.Equal(expected, core);
        Assert.Equal(expected, ReferenceTelemetry.Read(frame.AsMemory(bodyOffset, bodyCount)));
        Assert.Equal(frame.AsSpan(bodyOffset, bodyCount).ToArray(), ReferenceTelemetry.Write(vector.NextHop, vector.Records));
        Assert.All(frame.Skip(bodyOffset + bodyCount), b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(AckNames))]
    public void Each_acknowledgement_vector_decodes_field_by_field_with_MessagePackCSharp_and_the_core(string name)
    {
        var vector = TelemetryVectors.Acks.Single(v => v.Name == name);
        byte[] frame = Convert.FromHexString(vector.Hex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(FrameType.TelemetryAck, header.Type);
        Assert.Equal(FrameFlags.None, header.Flags);
        Assert.Equal(vector.KeyId, header.KeyId);
        Assert.Equal(vector.SourceId, header.SourceId);
        Assert.Equal(vector.Sequence, header.Sequence);
        Assert.Equal(WireError.None, TelemetryAckBody.TryRead(frame, bodyOffset, bodyCount, out TelemetryAckBody core));
        Assert.Equal(vector.Body, core);
        Assert.Equal(vector.Body, ReferenceAck.Read(frame.AsMemory(bodyOffset, bodyCount)));
        Assert.Equal(frame.AsSpan(bodyOffset, bodyCount).ToArray(), ReferenceAck.Write(vector.Body));
        Assert.All(frame.Skip(bodyOffset + bodyCount), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_wire_format_doc_shows_every_telemetry_and_acknowledgement_vector_exactly()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "wire-format.md"));
        foreach (var vector in TelemetryVectors.Frames)
        {
            Assert.Contains(vector.Hex, doc);
        }

        foreach (var vector in TelemetryVectors.Acks)
        {
            Assert.Contains(vector.Hex, doc);
        }

        Assert.Contains(TelemetryVectors.ForwardCompatibleHex, doc);
    }

    [Fact]
    public void Elements_appended_to_the_body_and_to_a_record_are_skipped_by_the_core_and_by_MessagePackCSharp()
    {
        byte[] frame = Convert.FromHexString(TelemetryVectors.ForwardCompatibleHex);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(TelemetryVectors.OneRecord.SourceId, header.SourceId);
        Assert.Equal(TelemetryVectors.OneRecord.Sequence, header.Sequence);
        var expected = new Decoded(TelemetryVectors.OneRecord.NextHop, TelemetryVectors.OneRecord.Records);
        Assert.Equal(WireError.None, ReadCore(frame, bodyOffset, bodyCount, out Decoded? core));
        Assert.Equal(expected, core);
        Assert.Equal(expected, ReferenceTelemetry.Read(frame.AsMemory(bodyOffset, bodyCount)));

        // The record reader alone stops right after the appended integer, where the appended string begins.
        Assert.Equal(WireError.None, TelemetryBody.TryRead(frame, bodyOffset, bodyCount, out _, out _, out int recordsOffset));
        int after = TelemetryRecord.TryRead(frame, recordsOffset, bodyOffset + bodyCount, out _);
        Assert.Equal(0xa1, frame[after]);
        Assert.Equal(bodyOffset + bodyCount - 2, after);
    }

    [Fact]
    public void An_acknowledgement_with_an_element_appended_after_the_frame_limit_reads_as_without()
    {
        // Vector 19's body with the string "x" appended: a later version's fifth element, skipped.
        byte[] body = Convert.FromHexString("95ce0a000004cd013200ccffa178");
        Assert.Equal(WireError.None, TelemetryAckBody.TryRead(body, 0, body.Length, out TelemetryAckBody core));
        Assert.Equal(TelemetryVectors.RefusedTooLarge.Body, core);
        Assert.Equal(TelemetryVectors.RefusedTooLarge.Body, ReferenceAck.Read(body));
    }

    [Fact]
    public void A_version_1_reader_skips_the_frame_limit_and_reads_a_refusal()
    {
        // What a node without the frame limit does with vector 19: the fourth element is an appended one to it.
        byte[] frame = Convert.FromHexString(TelemetryVectors.RefusedTooLarge.Hex);
        var reader = new MessagePackReader(frame.AsMemory(FrameHeader.Bytes, frame.Length - FrameHeader.Bytes - TagBytes));
        Assert.Equal(4, reader.ReadArrayHeader());
        Assert.Equal(0x0A000004u, reader.ReadUInt32());
        Assert.Equal(0x0132, reader.ReadUInt16());
        Assert.Equal(0, reader.ReadByte());
        reader.Skip();
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(1, "c401")]
    [InlineData(31, "c41f")]
    [InlineData(32, "c420")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(1000, "c503e8")]
    [InlineData(65535, "c5ffff")]
    public void Records_round_trip_and_the_payload_header_crosses_from_bin8_to_bin16_at_256_bytes(int payloadBytes, string binHeaderHex)
    {
        byte[] payload = Enumerable.Range(0, payloadBytes).Select(i => (byte)(i * 7 + 3)).ToArray();
        foreach ((uint origin, uint sequence, byte hops) in new[] { (1u, 0u, (byte)0), (0x0A000004u, 0x5EED0001u, (byte)1), (0xFFFFFFFEu, uint.MaxValue, (byte)255) })
        {
            int length = TelemetryRecord.EncodedLength(origin, sequence, hops, payloadBytes);
            byte[] buffer = Enumerable.Repeat((byte)0xEE, length + 6).ToArray();
            int end = TelemetryRecord.Write(buffer, 3, origin, sequence, hops, payload, 0, payloadBytes);
            Assert.Equal(3 + length, end);
            Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE }, buffer.Skip(end).ToArray()); // nothing written past the record
            int headerBytes = binHeaderHex.Length / 2;
            Assert.Equal(binHeaderHex, Convert.ToHexString(buffer, end - payloadBytes - headerBytes, headerBytes).ToLowerInvariant());

            Assert.Equal(end, TelemetryRecord.TryRead(buffer, 3, end, out TelemetryRecord read));
            Assert.Equal(origin, read.OriginId);
            Assert.Equal(sequence, read.OriginSequence);
            Assert.Equal(hops, read.Hops);
            Assert.Equal(payloadBytes, read.PayloadCount);
            Assert.Equal(end - payloadBytes, read.PayloadOffset);
            Assert.True(payload.AsSpan().SequenceEqual(buffer.AsSpan(read.PayloadOffset, read.PayloadCount)));

            var reference = new MessagePackReader(buffer.AsMemory(3, length));
            Assert.Equal(new Record(origin, sequence, hops, Hex(payload)), ReferenceTelemetry.ReadRecord(ref reference));
            Assert.True(reference.End);
        }
    }

    [Fact]
    public void A_maximal_record_takes_exactly_its_documented_overhead_and_a_full_body_header_its_own()
    {
        Assert.Equal(TelemetryRecord.OverheadBytesMax, TelemetryRecord.EncodedLength(0xFFFFFFFE, uint.MaxValue, 255, 256) - 256);
        Assert.Equal(TelemetryRecord.OverheadBytesMax, TelemetryRecord.EncodedLength(0xFFFFFFFE, uint.MaxValue, 255, TelemetryRecord.PayloadBytesCeiling) - TelemetryRecord.PayloadBytesCeiling);
        Assert.Equal(TelemetryRecord.OverheadBytesMax - 1, TelemetryRecord.EncodedLength(0xFFFFFFFE, uint.MaxValue, 255, 255) - 255);
        Assert.Equal(6, TelemetryRecord.EncodedLength(1, 0, 0, 0)); // 94 01 00 00 c4 00
        Assert.Equal(16, TelemetryRecord.OverheadBytesMax);

        Assert.Equal(TelemetryBody.OverheadBytesMax, TelemetryBody.HeaderLength(0xFFFFFFFE, TelemetryBody.RecordsMax));
        Assert.Equal(9, TelemetryBody.OverheadBytesMax);
        Assert.Equal(3, TelemetryBody.HeaderLength(1, 1));
        Assert.Equal(7, TelemetryBody.HeaderLength(0x0A000002, 15));
        Assert.Equal(9, TelemetryBody.HeaderLength(0x0A000002, 16)); // array 16 from 16 records on
        Assert.Equal(8 + 9 + 8, TelemetryBody.FrameOverheadBytes(TagBytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(300)]
    public void Bodies_with_one_or_many_records_round_trip_in_the_core_and_in_MessagePackCSharp(int count)
    {
        var random = new Random(count);
        Record[] records = Enumerable.Range(0, count).Select(_ => RandomRecord(random, payloadBytesMax: 40)).ToArray();
        records[0] = records[0] with { PayloadHex = "" };
        byte[] frame = EncodeFrame(new FrameHeader(FrameType.Telemetry, FrameFlags.None, 0, 0x0A000002, 7), 0x0A000001, records);
        Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
        Assert.Equal(FrameType.Telemetry, header.Type);
        Assert.Equal(WireError.None, TelemetryBody.TryRead(frame, bodyOffset, bodyCount, out uint nextHop, out int recordCount, out int recordsOffset));
        Assert.Equal(0x0A000001u, nextHop);
        Assert.Equal(count, recordCount);
        Assert.Equal(bodyOffset + TelemetryBody.HeaderLength(nextHop, count), recordsOffset);

        var expected = new Decoded(0x0A000001, records);
        Assert.Equal(WireError.None, ReadCore(frame, bodyOffset, bodyCount, out Decoded? core));
        Assert.Equal(expected, core);
        Assert.Equal(expected, ReferenceTelemetry.Read(frame.AsMemory(bodyOffset, bodyCount)));
        Assert.Equal(ReferenceTelemetry.Write(0x0A000001, records), frame.AsSpan(bodyOffset, bodyCount).ToArray());
    }

    [Fact]
    public void Random_frames_read_back_identically_in_MessagePackCSharp_and_the_core_and_are_what_it_writes()
    {
        const int seed = 2027;
        var random = new Random(seed);
        for (int i = 0; i < 3000; i++)
        {
            uint nextHop = RandomNodeId(random);
            Record[] records = Enumerable.Range(0, random.Next(1, 21)).Select(_ => RandomRecord(random, payloadBytesMax: 300)).ToArray();
            var header = new FrameHeader(FrameType.Telemetry, FrameFlags.None, (byte)random.Next(0, 16), RandomNodeId(random), (ushort)random.Next(0, 65536));
            byte[] frame = EncodeFrame(header, nextHop, records);
            Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, frame.Length, TagBytes, out FrameHeader readHeader, out int bodyOffset, out int bodyCount));
            Assert.Equal(header, readHeader);
            var expected = new Decoded(nextHop, records);
            Assert.Equal(WireError.None, ReadCore(frame, bodyOffset, bodyCount, out Decoded? core));
            Assert.True(expected.Equals(core), $"seed {seed}, round {i}: the core read something else");
            Assert.True(expected.Equals(ReferenceTelemetry.Read(frame.AsMemory(bodyOffset, bodyCount))), $"seed {seed}, round {i}: MessagePack-CSharp read something else");
            Assert.True(ReferenceTelemetry.Write(nextHop, records).AsSpan().SequenceEqual(frame.AsSpan(bodyOffset, bodyCount)), $"seed {seed}, round {i}: MessagePack-CSharp writes other bytes");
        }
    }

    [Fact]
    public void Bodies_in_wider_encodings_written_by_MessagePackCSharp_are_read_by_the_core()
    {
        // Every integer as uint32 (or uint64), the records array as array 16, payloads as bin 32: not what the
        // core writes, but valid MessagePack, so a reader must take it.
        var random = new Random(31);
        for (int i = 0; i < 1000; i++)
        {
            uint nextHop = RandomNodeId(random);
            Record[] records = Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomRecord(random, payloadBytesMax: 300)).ToArray();
            var buffer = new ArrayBufferWriter<byte>();
            var w = new MessagePackWriter(buffer);
            w.WriteArrayHeader(2);
            w.WriteUInt64(nextHop);
            w.WriteRaw(new byte[] { 0xdc, 0x00, (byte)records.Length });
            foreach (Record record in records)
            {
                w.WriteRaw(new byte[] { 0xdc, 0x00, 0x04 });
                w.WriteUInt32(record.OriginId);
                w.WriteUInt64(record.OriginSequence);
                w.WriteUInt32(record.Hops);
                byte[] payload = record.Payload;
                w.WriteRaw(new byte[] { 0xc6, 0, 0, (byte)(payload.Length >> 8), (byte)payload.Length });
                w.WriteRaw(payload);
            }

            w.Flush();
            byte[] bytes = buffer.WrittenSpan.ToArray();
            Assert.Equal(WireError.None, ReadCore(bytes, 0, bytes.Length, out Decoded? core));
            Assert.Equal(new Decoded(nextHop, records), core);
            Assert.Equal(new Decoded(nextHop, records), ReferenceTelemetry.Read(bytes));
        }
    }

    [Fact]
    public void Acknowledgements_round_trip_and_a_maximal_one_is_a_29_byte_frame()
    {
        byte[] frame = new byte[64];
        foreach (uint to in new[] { 1u, 127u, 128u, 0xFFFFu, 0x10000u, 0xFFFFFFFEu })
        {
            foreach (ushort sequence in new ushort[] { 0, 127, 128, 255, 256, 0xFFFF })
            {
                foreach ((bool accepted, ushort frameBytesMax) in new (bool, ushort)[] { (true, 0), (false, 0), (false, 72), (false, 255), (false, 256), (false, 0xFFFF) })
                {
                    var body = new TelemetryAckBody { ToId = to, AckedSequence = sequence, Accepted = accepted, FrameBytesMax = frameBytesMax };
                    var header = new FrameHeader(FrameType.TelemetryAck, FrameFlags.None, 0, 0x0A000002, sequence);
                    int length = FrameCodec.WriteTelemetryAck(header, body, TagBytes, frame, 0, frame.Length);
                    Assert.Equal(FrameHeader.Bytes + TelemetryAckBody.EncodedLength(body) + TagBytes, length);
                    Assert.InRange(length, 1, FrameCodec.TelemetryAckFrameBytesMax(TagBytes));
                    Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, length, TagBytes, out FrameHeader readHeader, out int bodyOffset, out int bodyCount));
                    Assert.Equal(header, readHeader);
                    Assert.Equal(WireError.None, TelemetryAckBody.TryRead(frame, bodyOffset, bodyCount, out TelemetryAckBody core));
                    Assert.Equal(body, core);
                    Assert.Equal(body, ReferenceAck.Read(frame.AsMemory(bodyOffset, bodyCount)));
                    Assert.Equal(ReferenceAck.Write(body), frame.AsSpan(bodyOffset, bodyCount).ToArray());
                }
            }
        }

        var maximal = new TelemetryAckBody { ToId = 0xFFFFFFFE, AckedSequence = 0xFFFF, Accepted = false, FrameBytesMax = 0xFFFF };
        Assert.Equal(TelemetryAckBody.EncodedBytesMax, TelemetryAckBody.EncodedLength(maximal));
        Assert.Equal(13, TelemetryAckBody.EncodedBytesMax);
        Assert.Equal(29, FrameCodec.TelemetryAckFrameBytesMax(TagBytes));
        Assert.Equal(29, FrameCodec.WriteTelemetryAck(new FrameHeader(FrameType.TelemetryAck, FrameFlags.None, 15, 0xFFFFFFFE, 0xFFFF), maximal, TagBytes, frame, 0, frame.Length));
        Assert.Equal(26, FrameCodec.WriteTelemetryAck(new FrameHeader(FrameType.TelemetryAck, FrameFlags.None, 15, 0xFFFFFFFE, 0xFFFF), maximal with { FrameBytesMax = 0 }, TagBytes, frame, 0, frame.Length));
    }

    [Fact]
    public void An_acknowledgement_that_does_not_fit_is_not_written()
    {
        var header = new FrameHeader(FrameType.TelemetryAck, FrameFlags.None, 0, 0x0A000002, 0x0042);
        int full = TelemetryVectors.Accepted.Hex.Length / 2;
        for (int room = 0; room < full; room++)
        {
            byte[] buffer = Enumerable.Repeat((byte)0xEE, 40).ToArray();
            Assert.Equal(0, FrameCodec.WriteTelemetryAck(header, TelemetryVectors.Accepted.Body, TagBytes, buffer, 2, room));
            Assert.All(buffer, b => Assert.Equal(0xEE, b)); // not even the envelope
        }

        byte[] exact = new byte[full];
        Assert.Equal(full, FrameCodec.WriteTelemetryAck(header, TelemetryVectors.Accepted.Body, TagBytes, exact, 0, full));
        Assert.Equal(TelemetryVectors.Accepted.Hex, Hex(exact));
    }

    [Theory]
    [InlineData("zero records", "92ce0a00000290", WireError.InvalidField)]
    [InlineData("next hop 0", "92009194ce0a000004ce5eed000101c40300e157", WireError.InvalidField)]
    [InlineData("next hop broadcast", "92ceffffffff9194ce0a000004ce5eed000101c40300e157", WireError.InvalidField)]
    [InlineData("next hop beyond 32 bits", "92cf00000001000000019194ce0a000004ce5eed000101c40300e157", WireError.InvalidField)]
    [InlineData("next hop negative", "92ff9194ce0a000004ce5eed000101c40300e157", WireError.InvalidField)]
    [InlineData("next hop nil", "92c09194ce0a000004ce5eed000101c40300e157", WireError.InvalidField)]
    [InlineData("next hop a string", "92a1789194ce0a000004ce5eed000101c40300e157", WireError.InvalidField)]
    [InlineData("origin 0", "92ce0a000002919400ce5eed000101c40300e157", WireError.Malformed)]
    [InlineData("origin broadcast", "92ce0a0000029194ceffffffffce5eed000101c40300e157", WireError.Malformed)]
    [InlineData("origin nil", "92ce0a0000029194c0ce5eed000101c40300e157", WireError.Malformed)]
    [InlineData("origin sequence beyond 32 bits", "92ce0a0000029194ce0a000004cf000000010000000001c40300e157", WireError.Malformed)]
    [InlineData("origin sequence negative", "92ce0a0000029194ce0a000004ff01c40300e157", WireError.Malformed)]
    [InlineData("hops 256", "92ce0a0000029194ce0a000004ce5eed0001cd0100c40300e157", WireError.Malformed)]
    [InlineData("hops negative", "92ce0a0000029194ce0a000004ce5eed0001ffc40300e157", WireError.Malformed)]
    [InlineData("payload a fixstr", "92ce0a0000029194ce0a000004ce5eed000101a300e157", WireError.Malformed)]
    [InlineData("payload a str 8", "92ce0a0000029194ce0a000004ce5eed000101d90300e157", WireError.Malformed)]
    [InlineData("payload nil", "92ce0a0000029194ce0a000004ce5eed000101c0", WireError.Malformed)]
    [InlineData("payload an array", "92ce0a0000029194ce0a000004ce5eed00010193010203", WireError.Malformed)]
    [InlineData("payload an integer", "92ce0a0000029194ce0a000004ce5eed00010101", WireError.Malformed)]
    [InlineData("bin 8 length past the end", "92ce0a0000029194ce0a000004ce5eed000101c40400e157", WireError.Malformed)]
    [InlineData("bin 16 length past the end", "92ce0a0000029194ce0a000004ce5eed000101c5000400e157", WireError.Malformed)]
    [InlineData("bin 32 length past the end", "92ce0a0000029194ce0a000004ce5eed000101c60000000400e157", WireError.Malformed)]
    [InlineData("bin 32 length beyond 65535", "92ce0a0000029194ce0a000004ce5eed000101c60001000000e157", WireError.Malformed)]
    [InlineData("bin length header cut", "92ce0a0000029194ce0a000004ce5eed000101c500", WireError.Malformed)]
    [InlineData("record of 3 elements", "92ce0a0000029193ce0a000004ce5eed000101", WireError.Malformed)]
    [InlineData("record not an array", "92ce0a0000029101", WireError.Malformed)]
    [InlineData("record a map", "92ce0a0000029181a17801", WireError.Malformed)]
    [InlineData("records not an array", "92ce0a00000201", WireError.Malformed)]
    [InlineData("records a map", "92ce0a00000281a17801", WireError.Malformed)]
    [InlineData("records nil", "92ce0a000002c0", WireError.Malformed)]
    [InlineData("two records announced, one present", "92ce0a0000029294ce0a000004ce5eed000101c40300e157", WireError.Malformed)]
    [InlineData("body of 1 element", "91ce0a000002", WireError.Malformed)]
    [InlineData("body of 0 elements", "90", WireError.Malformed)]
    [InlineData("body a map", "82a16e01a17202", WireError.Malformed)]
    [InlineData("body a string", "a474656c65", WireError.Malformed)]
    [InlineData("empty body", "", WireError.Malformed)]
    [InlineData("trailing byte", OneRecordBody + "00", WireError.Malformed)]
    [InlineData("trailing record", OneRecordBody + "94ce0a000004ce5eed000201c40300e256", WireError.Malformed)]
    [InlineData("appended body element cut short", "93ce0a0000029194ce0a000004ce5eed000101c40300e157a278", WireError.Malformed)]
    [InlineData("appended body element announced, none present", "93ce0a0000029194ce0a000004ce5eed000101c40300e157", WireError.Malformed)]
    [InlineData("appended record element cut short", "92ce0a0000029195ce0a000004ce5eed000101c40300e157a278", WireError.Malformed)]
    [InlineData("appended record element announced, none present", "92ce0a0000029195ce0a000004ce5eed000101c40300e157", WireError.Malformed)]
    public void Bad_telemetry_bodies_are_refused_not_thrown(string what, string hex, WireError expected)
    {
        byte[] body = Convert.FromHexString(hex);
        Assert.Equal(expected, TelemetryBody.TryRead(body, 0, body.Length, out uint nextHop, out int records, out int recordsOffset));
        Assert.Equal((0u, 0, 0), (nextHop, records, recordsOffset));

        // The same inside a larger buffer, between bytes that would make it valid if they were read.
        byte[] framed = new byte[] { 0x92, 0x01 }.Concat(body).Concat(new byte[] { 0x00, 0xe1, 0x57, 0x01, 0xa1, 0x78 }).ToArray();
        Assert.Equal(expected, TelemetryBody.TryRead(framed, 2, body.Length, out _, out _, out _));
        _output.WriteLine($"{what}: {expected}");
    }

    [Theory]
    [InlineData("accepted 2", "93ce0a000004cd013102", WireError.InvalidField)]
    [InlineData("accepted 255", "93ce0a000004cd0131ccff", WireError.InvalidField)]
    [InlineData("accepted negative", "93ce0a000004cd0131ff", WireError.InvalidField)]
    [InlineData("accepted as a bool", "93ce0a000004cd0131c3", WireError.InvalidField)]
    [InlineData("accepted nil", "93ce0a000004cd0131c0", WireError.InvalidField)]
    [InlineData("acked sequence 65536", "93ce0a000004ce0001000001", WireError.InvalidField)]
    [InlineData("acked sequence negative", "93ce0a000004ff01", WireError.InvalidField)]
    [InlineData("to 0", "9300cd013101", WireError.InvalidField)]
    [InlineData("to broadcast", "93ceffffffffcd013101", WireError.InvalidField)]
    [InlineData("to a string", "93a178cd013101", WireError.InvalidField)]
    [InlineData("body of 2 elements", "92ce0a000004cd0131", WireError.Malformed)]
    [InlineData("body a map", "83a17401a17302a16101", WireError.Malformed)]
    [InlineData("empty body", "", WireError.Malformed)]
    [InlineData("trailing byte", AcceptedBody + "00", WireError.Malformed)]
    [InlineData("appended element announced, none present", "94ce0a000004cd013101", WireError.Malformed)]
    [InlineData("frame limit below the 72-byte floor", "94ce0a000004cd01310047", WireError.InvalidField)]
    [InlineData("frame limit 0", "94ce0a000004cd01310000", WireError.InvalidField)]
    [InlineData("frame limit 65536", "94ce0a000004cd013100ce00010000", WireError.InvalidField)]
    [InlineData("frame limit a string", "94ce0a000004cd013100a178", WireError.InvalidField)]
    [InlineData("frame limit nil", "94ce0a000004cd013100c0", WireError.InvalidField)]
    [InlineData("frame limit cut short", "94ce0a000004cd013100cd01", WireError.InvalidField)]
    public void Bad_acknowledgement_bodies_are_refused_not_thrown(string what, string hex, WireError expected)
    {
        byte[] body = Convert.FromHexString(hex);
        Assert.Equal(expected, TelemetryAckBody.TryRead(body, 0, body.Length, out TelemetryAckBody read));
        Assert.Equal(default, read);
        byte[] framed = new byte[] { 0x93, 0x01 }.Concat(body).Concat(new byte[] { 0x01, 0x01, 0x01 }).ToArray();
        Assert.Equal(expected, TelemetryAckBody.TryRead(framed, 2, body.Length, out _));
        _output.WriteLine($"{what}: {expected}");
    }

    [Fact]
    public void Every_truncation_of_every_vector_is_refused()
    {
        string[] frames = TelemetryVectors.Frames.Select(v => v.Hex).Concat(TelemetryVectors.Acks.Select(v => v.Hex)).Append(TelemetryVectors.ForwardCompatibleHex).ToArray();
        foreach (string hex in frames)
        {
            byte[] frame = Convert.FromHexString(hex);
            int bodyCount = frame.Length - FrameHeader.Bytes - TagBytes;
            for (int length = 0; length < frame.Length; length++)
            {
                // A frame cut short: the tag is taken from its end, so the body is cut.
                WireError error = FrameCodec.TryRead(frame, 0, length, TagBytes, out FrameHeader header, out int bodyOffset, out int cutCount);
                if (error == WireError.None)
                {
                    Assert.Equal(bodyCount - (frame.Length - length), cutCount);
                    Assert.NotEqual(WireError.None, ReadBody(header.Type, frame, bodyOffset, cutCount));
                }
                else
                {
                    Assert.True(length < FrameHeader.Bytes + TagBytes + 1, $"{hex} cut to {length}: {error}");
                    Assert.Equal(WireError.Truncated, error);
                }
            }

            FrameType type = (FrameType)(frame[0] & 0x0f);
            for (int count = 0; count < bodyCount; count++)
            {
                // A body cut short in a frame of the right length (the rest taken as tag).
                Assert.NotEqual(WireError.None, ReadBody(type, frame, FrameHeader.Bytes, count));
            }

            Assert.Equal(WireError.None, ReadBody(type, frame, FrameHeader.Bytes, bodyCount));
        }
    }

    [Fact]
    public void Bytes_between_body_and_tag_make_telemetry_and_acknowledgements_malformed()
    {
        foreach (string hex in new[] { TelemetryVectors.OneRecord.Hex, TelemetryVectors.ThreeRecords.Hex, TelemetryVectors.Accepted.Hex })
        {
            byte[] frame = Convert.FromHexString(hex);
            byte[] padded = frame.Take(frame.Length - TagBytes).Append((byte)0x00).Concat(new byte[TagBytes]).ToArray();
            Assert.Equal(WireError.None, FrameCodec.TryRead(padded, 0, padded.Length, TagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount));
            Assert.Equal(WireError.Malformed, ReadBody(header.Type, padded, bodyOffset, bodyCount));
        }
    }

    [Fact]
    public void The_envelope_accepts_types_4_and_5_and_the_bodies_do_not_pass_for_each_other()
    {
        byte[] telemetry = Convert.FromHexString(TelemetryVectors.OneRecord.Hex);
        byte[] ack = Convert.FromHexString(TelemetryVectors.Accepted.Hex);
        Assert.True(FrameCodec.IsKnownType(FrameType.Telemetry));
        Assert.True(FrameCodec.IsKnownType(FrameType.TelemetryAck));
        Assert.False(FrameCodec.IsKnownType((FrameType)6));
        Assert.Equal(WireError.Malformed, TelemetryAckBody.TryRead(telemetry, FrameHeader.Bytes, telemetry.Length - FrameHeader.Bytes - TagBytes, out _));
        Assert.NotEqual(WireError.None, TelemetryBody.TryRead(ack, FrameHeader.Bytes, ack.Length - FrameHeader.Bytes - TagBytes, out _, out _, out _));
    }

    [Fact]
    public void Random_byte_flips_and_cuts_over_valid_frames_never_throw_and_what_is_accepted_MessagePackCSharp_reads_alike()
    {
        const int seed = 20260401;
        var random = new Random(seed);
        var bases = TelemetryVectors.Frames.Select(v => Convert.FromHexString(v.Hex))
            .Concat(TelemetryVectors.Acks.Select(v => Convert.FromHexString(v.Hex)))
            .Append(Convert.FromHexString(TelemetryVectors.ForwardCompatibleHex))
            .Concat(ValidTelemetryFrames(40, TagBytes, seed))
            .ToArray();
        int accepted = 0;
        for (int round = 0; round < 100000; round++)
        {
            byte[] frame = (byte[])bases[random.Next(bases.Length)].Clone();
            int flips = random.Next(1, 5);
            for (int f = 0; f < flips; f++)
            {
                int at = random.Next(FrameHeader.Bytes, frame.Length);
                frame[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(frame[at] ^ (1 << random.Next(8)));
            }

            int length = random.Next(4) == 0 ? random.Next(0, frame.Length + 1) : frame.Length;
            try
            {
                WireError error = FrameCodec.TryRead(frame, 0, length, TagBytes, out _, out int bodyOffset, out int bodyCount);
                if (error != WireError.None)
                {
                    continue;
                }

                // Both readers on every body, whatever the type says.
                if (ReadCore(frame, bodyOffset, bodyCount, out Decoded? core) == WireError.None)
                {
                    accepted++;
                    Assert.Equal(ReferenceTelemetry.Read(frame.AsMemory(bodyOffset, bodyCount)), core);
                }

                if (TelemetryAckBody.TryRead(frame, bodyOffset, bodyCount, out TelemetryAckBody ack) == WireError.None)
                {
                    accepted++;
                    Assert.Equal(ReferenceAck.Read(frame.AsMemory(bodyOffset, bodyCount)), ack);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, round {round}: {Hex(frame.AsSpan(0, length).ToArray())}: {ex}");
            }
        }

        _output.WriteLine($"seed {seed}: {accepted} mutated bodies still decoded (and MessagePack-CSharp agreed)");
    }

    [Fact]
    public void Random_bytes_behind_a_valid_envelope_never_throw()
    {
        const int seed = 77;
        var random = new Random(seed);
        byte[] frame = new byte[96];
        for (int round = 0; round < 50000; round++)
        {
            random.NextBytes(frame);
            frame[0] = (byte)(0x10 | random.Next(4, 6));
            int length = random.Next(0, frame.Length + 1);
            try
            {
                if (FrameCodec.TryRead(frame, 0, length, TagBytes, out _, out int bodyOffset, out int bodyCount) == WireError.None)
                {
                    ReadCore(frame, bodyOffset, bodyCount, out _);
                    TelemetryAckBody.TryRead(frame, bodyOffset, bodyCount, out _);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, round {round}: {Hex(frame.AsSpan(0, length).ToArray())}: {ex}");
            }
        }
    }

    /// <summary>Valid telemetry frames (type 4) from sources 1..count, 1-20 records each, payloads of 0-300 bytes.</summary>
    internal static byte[][] ValidTelemetryFrames(int count, int tagBytes, int seed)
    {
        var random = new Random(seed);
        var frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            Record[] records = Enumerable.Range(0, random.Next(1, 21)).Select(_ => RandomRecord(random, payloadBytesMax: 300)).ToArray();
            frames[i] = EncodeFrame(new FrameHeader(FrameType.Telemetry, FrameFlags.None, 0, (uint)(i + 1), (ushort)i), RandomNodeId(random), records, tagBytes);
        }

        return frames;
    }

    /// <summary>A whole telemetry frame as a node builds it: body header, records in place, then sealed.</summary>
    internal static byte[] EncodeFrame(in FrameHeader header, uint nextHop, Record[] records, int tagBytes = TagBytes)
    {
        int bodyBytes = TelemetryBody.HeaderLength(nextHop, records.Length)
            + records.Sum(r => TelemetryRecord.EncodedLength(r.OriginId, r.OriginSequence, r.Hops, r.Payload.Length));
        byte[] frame = new byte[FrameHeader.Bytes + bodyBytes + tagBytes];
        int p = TelemetryBody.WriteHeader(frame, FrameHeader.Bytes, nextHop, records.Length);
        foreach (Record record in records)
        {
            byte[] payload = record.Payload;
            p = TelemetryRecord.Write(frame, p, record.OriginId, record.OriginSequence, record.Hops, payload, 0, payload.Length);
        }

        Assert.Equal(FrameHeader.Bytes + bodyBytes, p);
        Assert.Equal(frame.Length, FrameCodec.Seal(header, bodyBytes, tagBytes, frame, 0));
        return frame;
    }

    /// <summary>Reads a telemetry body with the core: checked whole first, then record by record, as a receiver does.</summary>
    internal static WireError ReadCore(byte[] buffer, int offset, int count, out Decoded? decoded)
    {
        decoded = null;
        WireError error = TelemetryBody.TryRead(buffer, offset, count, out uint nextHop, out int recordCount, out int recordsOffset);
        if (error != WireError.None)
        {
            return error;
        }

        Assert.True(FrameHeader.IsValidNodeId(nextHop));
        Assert.True(recordCount >= 1);
        int end = offset + count;
        var records = new Record[recordCount];
        int p = recordsOffset;
        for (int i = 0; i < recordCount; i++)
        {
            p = TelemetryRecord.TryRead(buffer, p, end, out TelemetryRecord record);
            Assert.InRange(p, record.PayloadOffset + record.PayloadCount, end); // a checked body's records all read
            Assert.InRange(record.PayloadOffset, offset, end - record.PayloadCount);
            Assert.True(FrameHeader.IsValidNodeId(record.OriginId));
            records[i] = new Record(record.OriginId, record.OriginSequence, record.Hops, Hex(buffer.AsSpan(record.PayloadOffset, record.PayloadCount).ToArray()));
        }

        decoded = new Decoded(nextHop, records);
        return WireError.None;
    }

    private static WireError ReadBody(FrameType type, byte[] buffer, int offset, int count)
    {
        return type == FrameType.Telemetry
            ? ReadCore(buffer, offset, count, out _)
            : TelemetryAckBody.TryRead(buffer, offset, count, out _);
    }

    private static byte[] Encode(TelemetryVectors.Frame vector)
    {
        return EncodeFrame(new FrameHeader(FrameType.Telemetry, FrameFlags.None, vector.KeyId, vector.SourceId, vector.Sequence), vector.NextHop, vector.Records);
    }

    private static byte[] Encode(TelemetryVectors.Ack vector)
    {
        byte[] frame = new byte[64];
        int length = FrameCodec.WriteTelemetryAck(new FrameHeader(FrameType.TelemetryAck, FrameFlags.None, vector.KeyId, vector.SourceId, vector.Sequence), vector.Body, TagBytes, frame, 0, frame.Length);
        return frame.AsSpan(0, length).ToArray();
    }

    private static Record RandomRecord(Random random, int payloadBytesMax)
    {
        byte[] payload = new byte[random.Next(4) == 0 ? random.Next(0, payloadBytesMax + 1) : random.Next(0, 17)];
        random.NextBytes(payload);
        uint sequence = random.Next(3) switch { 0 => (uint)random.Next(0, 300), 1 => uint.MaxValue - (uint)random.Next(0, 3), _ => (uint)random.NextInt64(0, 1L << 32) };
        return new Record(RandomNodeId(random), sequence, (byte)random.Next(0, 256), Hex(payload));
    }

    private static uint RandomNodeId(Random random)
    {
        return random.Next(3) switch { 0 => (uint)random.Next(1, 200), 1 => 0xFFFFFFFE, _ => (uint)random.NextInt64(1, uint.MaxValue) };
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

/// <summary>The telemetry body as MessagePack-CSharp's own reader and writer see it.</summary>
internal static class ReferenceTelemetry
{
    public static TelemetryWireTests.Decoded Read(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        int fields = reader.ReadArrayHeader();
        Assert.True(fields >= TelemetryBody.FieldCount);
        uint nextHop = reader.ReadUInt32();
        int count = reader.ReadArrayHeader();
        var records = new Record[count];
        for (int i = 0; i < count; i++)
        {
            records[i] = ReadRecord(ref reader);
        }

        for (int i = TelemetryBody.FieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        Assert.True(reader.End);
        return new TelemetryWireTests.Decoded(nextHop, records);
    }

    public static Record ReadRecord(ref MessagePackReader reader)
    {
        int fields = reader.ReadArrayHeader();
        Assert.True(fields >= TelemetryRecord.FieldCount);
        uint origin = reader.ReadUInt32();
        uint sequence = reader.ReadUInt32();
        byte hops = reader.ReadByte();
        ReadOnlySequence<byte>? payload = reader.ReadBytes();
        Assert.True(payload.HasValue, "the payload is bin, not nil");
        for (int i = TelemetryRecord.FieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        return new Record(origin, sequence, hops, Convert.ToHexString(payload.Value.ToArray()).ToLowerInvariant());
    }

    public static byte[] Write(uint nextHop, IReadOnlyList<Record> records)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(TelemetryBody.FieldCount);
        writer.Write(nextHop);
        writer.WriteArrayHeader(records.Count);
        foreach (Record record in records)
        {
            writer.WriteArrayHeader(TelemetryRecord.FieldCount);
            writer.Write(record.OriginId);
            writer.Write(record.OriginSequence);
            writer.Write(record.Hops);
            writer.Write(record.Payload.AsSpan());
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The telemetry acknowledgement body as MessagePack-CSharp's own reader sees it.</summary>
internal static class ReferenceAck
{
    public static TelemetryAckBody Read(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        int fields = reader.ReadArrayHeader();
        Assert.True(fields >= TelemetryAckBody.FieldCount);
        var result = new TelemetryAckBody { ToId = reader.ReadUInt32(), AckedSequence = reader.ReadUInt16() };
        byte accepted = reader.ReadByte();
        Assert.InRange(accepted, 0, 1);
        result.Accepted = accepted == 1;
        if (fields >= TelemetryAckBody.FieldCountWithFrameLimit)
        {
            result.FrameBytesMax = reader.ReadUInt16();
            Assert.True(result.FrameBytesMax >= NodeLimits.FrameBytesFloor);
        }

        for (int i = result.FrameBytesMax == 0 ? TelemetryAckBody.FieldCount : TelemetryAckBody.FieldCountWithFrameLimit; i < fields; i++)
        {
            reader.Skip();
        }

        Assert.True(reader.End);
        return result;
    }

    public static byte[] Write(TelemetryAckBody body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(body.FrameBytesMax == 0 ? TelemetryAckBody.FieldCount : TelemetryAckBody.FieldCountWithFrameLimit);
        writer.Write(body.ToId);
        writer.Write(body.AckedSequence);
        writer.Write(body.Accepted ? (byte)1 : (byte)0);
        if (body.FrameBytesMax != 0)
        {
            writer.Write(body.FrameBytesMax);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
