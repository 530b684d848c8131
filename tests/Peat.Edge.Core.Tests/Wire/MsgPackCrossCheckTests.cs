using System.Buffers;
using Peat.Edge.Core.Wire;
using Xunit;
using CSharpReader = MessagePack.MessagePackReader;
using CSharpWriter = MessagePack.MessagePackWriter;

namespace Peat.Edge.Core.Tests.Wire;

/// <summary>The core's MessagePack subset against MessagePack-CSharp 2.5, the reference implementation.</summary>
public sealed class MsgPackCrossCheckTests
{
    private static readonly long[] EdgeIntegers =
    {
        0, 1, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue,
        -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (long)int.MinValue - 1, long.MinValue,
    };

    [Fact]
    public void Integers_written_by_the_core_read_back_in_MessagePackCSharp_with_the_same_smallest_encoding()
    {
        var values = EdgeIntegers.Concat(RandomIntegers(5000, seed: 11)).ToArray();
        foreach (long value in values)
        {
            byte[] core = new byte[9];
            var writer = new MsgPackWriter(core, 0, core.Length);
            Assert.True(writer.WriteInt(value));

            var reference = new ArrayBufferWriter<byte>();
            var referenceWriter = new CSharpWriter(reference);
            referenceWriter.Write(value);
            referenceWriter.Flush();

            Assert.Equal(reference.WrittenSpan.ToArray(), core.AsSpan(0, writer.BytesWritten).ToArray());
            Assert.Equal(MsgPackEncoding.SizeOfInt(value), writer.BytesWritten);
            var reader = new CSharpReader(new ReadOnlySequence<byte>(core, 0, writer.BytesWritten));
            Assert.Equal(value, reader.ReadInt64());
        }
    }

    [Fact]
    public void The_32_bit_fast_path_writes_what_MessagePackCSharp_writes_for_every_int()
    {
        var random = new Random(32);
        var values = EdgeIntegers.Where(v => v >= int.MinValue && v <= int.MaxValue).Select(v => (int)v)
            .Concat(new[] { int.MaxValue, 65537, -32767, 900000000, -1800000000 })
            .Concat(Enumerable.Range(0, 20000).Select(_ => random.Next(int.MinValue, int.MaxValue)))
            .Concat(Enumerable.Range(0, 2000).Select(_ => random.Next(-70000, 70000)));
        foreach (int value in values)
        {
            byte[] core = new byte[5];
            int end = MsgPackEncoding.PutInt32(core, 0, value);

            var reference = new ArrayBufferWriter<byte>();
            var referenceWriter = new CSharpWriter(reference);
            referenceWriter.Write(value);
            referenceWriter.Flush();
            Assert.Equal(reference.WrittenSpan.ToArray(), core.AsSpan(0, end).ToArray());
        }
    }

    [Fact]
    public void Integers_in_every_encoding_MessagePackCSharp_writes_are_read_by_the_core()
    {
        foreach (long value in EdgeIntegers.Concat(RandomIntegers(5000, seed: 12)))
        {
            foreach (byte[] encoded in EveryEncodingOf(value))
            {
                var reader = new MsgPackReader(encoded, 0, encoded.Length);
                Assert.True(reader.TryReadInt64(out long read), $"value {value} as {Convert.ToHexString(encoded)}");
                Assert.Equal(value, read);
                Assert.Equal(0, reader.Remaining);
            }
        }
    }

    [Fact]
    public void Range_checked_32_bit_reads_accept_every_encoding_of_an_in_range_value_and_nothing_else()
    {
        foreach (long value in EdgeIntegers.Concat(RandomIntegers(5000, seed: 13)))
        {
            foreach (byte[] encoded in EveryEncodingOf(value))
            {
                var signed = new MsgPackReader(encoded, 0, encoded.Length);
                bool inInt = value >= int.MinValue && value <= int.MaxValue;
                Assert.Equal(inInt, signed.TryReadInt32InRange(int.MinValue, int.MaxValue, out int asInt));
                Assert.Equal(inInt ? (int)value : 0, asInt);
                Assert.Equal(inInt ? encoded.Length : 0, signed.Position);

                var narrow = new MsgPackReader(encoded, 0, encoded.Length);
                bool inNarrow = value >= -900000000 && value <= 900000000;
                Assert.Equal(inNarrow, narrow.TryReadInt32InRange(-900000000, 900000000, out _));

                var unsigned = new MsgPackReader(encoded, 0, encoded.Length);
                bool inUInt = value >= 0 && value <= uint.MaxValue;
                Assert.Equal(inUInt, unsigned.TryReadUInt32(uint.MaxValue, out uint asUInt));
                Assert.Equal(inUInt ? (uint)value : 0u, asUInt);

                var capped = new MsgPackReader(encoded, 0, encoded.Length);
                Assert.Equal(value >= 0 && value <= 100, capped.TryReadUInt32(100, out _));
            }
        }
    }

    [Fact]
    public void Unsigned_32_bit_reads_agree_with_the_general_decoder_for_every_encoding_limit_and_truncation()
    {
        uint[] limits = { 0, 1, 100, 127, 128, 255, 256, 0xFFFF, 0x10000, uint.MaxValue - 1, uint.MaxValue };
        foreach (long value in EdgeIntegers.Concat(RandomIntegers(2000, seed: 17)))
        {
            foreach (byte[] encoded in EveryEncodingOf(value))
            {
                byte[] padded = new byte[encoded.Length + 3];
                Buffer.BlockCopy(encoded, 0, padded, 2, encoded.Length); // not at offset 0, bytes after it
                foreach (uint max in limits)
                {
                    for (int end = 2; end <= 2 + encoded.Length; end++)
                    {
                        // The reference: the general decoder's answer, range-checked.
                        int general = MsgPackDecoding.GetInteger(padded, 2, end, out long signedValue, out ulong unsignedValue, out bool isUnsigned);
                        ulong wide = isUnsigned ? unsignedValue : signedValue < 0 ? ulong.MaxValue : (ulong)signedValue;
                        bool accepted = general >= 0 && wide <= max;
                        int next = MsgPackDecoding.GetUInt32(padded, 2, end, max, out uint read);
                        Assert.True(accepted ? next == general && read == (uint)wide : next == -1 && read == 0,
                            $"value {value}, {encoded.Length}-byte encoding, max {max}, end {end}: got {next}/{read}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Unsigned_values_above_long_range_are_read_as_UInt64_and_refused_as_Int64()
    {
        var reference = new ArrayBufferWriter<byte>();
        var writer = new CSharpWriter(reference);
        writer.Write(ulong.MaxValue);
        writer.Flush();
        byte[] bytes = reference.WrittenSpan.ToArray();

        var signed = new MsgPackReader(bytes, 0, bytes.Length);
        Assert.False(signed.TryReadInt64(out _));
        Assert.Equal(0, signed.Position);
        var unsigned = new MsgPackReader(bytes, 0, bytes.Length);
        Assert.True(unsigned.TryReadUInt64(out ulong value));
        Assert.Equal(ulong.MaxValue, value);
    }

    [Fact]
    public void Nil_bool_array_headers_and_bin_match_MessagePackCSharp_both_ways()
    {
        byte[] blob = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        byte[] core = new byte[1024];
        var writer = new MsgPackWriter(core, 0, core.Length);
        writer.WriteArrayHeader(5);
        writer.WriteNil();
        writer.WriteBool(true);
        writer.WriteBool(false);
        writer.WriteArrayHeader(70000);
        writer.WriteBin(blob, 10, 290);
        writer.WriteBin(blob, 0, 3);

        var reference = new ArrayBufferWriter<byte>();
        var referenceWriter = new CSharpWriter(reference);
        referenceWriter.WriteArrayHeader(5);
        referenceWriter.WriteNil();
        referenceWriter.Write(true);
        referenceWriter.Write(false);
        referenceWriter.WriteArrayHeader(70000);
        referenceWriter.Write(blob.AsSpan(10, 290));
        referenceWriter.Write(blob.AsSpan(0, 3));
        referenceWriter.Flush();
        Assert.Equal(reference.WrittenSpan.ToArray(), core.AsSpan(0, writer.BytesWritten).ToArray());

        var reader = new MsgPackReader(core, 0, writer.BytesWritten);
        Assert.True(reader.TryReadArrayHeader(out int five));
        Assert.Equal(5, five);
        Assert.True(reader.TryReadNil());
        Assert.True(reader.TryReadBool(out bool yes) && yes);
        Assert.True(reader.TryReadBool(out bool no) && !no);
        Assert.True(reader.TryReadArrayHeader(out int big));
        Assert.Equal(70000, big);
        Assert.True(reader.TryReadBin(out int binOffset, out int binLength));
        Assert.Equal(blob.AsSpan(10, 290).ToArray(), core.AsSpan(binOffset, binLength).ToArray());
        Assert.True(reader.TryReadBin(out _, out int small));
        Assert.Equal(3, small);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void TrySkip_skips_exactly_what_MessagePackCSharp_skips_for_every_type()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new CSharpWriter(buffer);
        w.WriteArrayHeader(3);
        w.WriteMapHeader(2);
        w.Write("key");
        w.Write(1.5);
        w.Write(new string('x', 40));
        w.Write(2.5f);
        w.WriteExtensionFormat(new MessagePack.ExtensionResult(5, new byte[] { 1, 2, 3, 4 }));
        w.WriteExtensionFormat(new MessagePack.ExtensionResult(6, new byte[300]));
        w.WriteArrayHeader(20);
        for (int i = 0; i < 20; i++)
        {
            w.Write(i * 1000);
        }

        w.Write(new byte[70000]);
        w.Write(new string('y', 70000));
        w.WriteNil();
        w.Flush();
        byte[] bytes = buffer.WrittenSpan.ToArray();

        var reference = new CSharpReader(new ReadOnlySequence<byte>(bytes));
        var core = new MsgPackReader(bytes, 0, bytes.Length);
        while (!reference.End)
        {
            reference.Skip();
            Assert.True(core.TrySkip());
            Assert.Equal(reference.Consumed, core.Position);
        }

        Assert.Equal(0, core.Remaining);
    }

    [Fact]
    public void Writer_refuses_what_does_not_fit_and_writes_nothing_outside_its_range()
    {
        byte[] buffer = Enumerable.Repeat((byte)0xEE, 8).ToArray();
        var writer = new MsgPackWriter(buffer, 2, 4);
        Assert.True(writer.WriteUInt(300)); // 3 bytes
        Assert.False(writer.WriteUInt(70000)); // 5 bytes do not fit in the 1 left
        Assert.True(writer.Overflowed);
        Assert.False(writer.WriteNil()); // stays overflowed: a half-written message is never reported as fine
        Assert.Equal(3, writer.BytesWritten);
        Assert.Equal(new byte[] { 0xEE, 0xEE, 0xcd, 0x01, 0x2c, 0xEE, 0xEE, 0xEE }, buffer);
    }

    [Fact]
    public void Reader_never_throws_or_reads_outside_its_range_on_random_bytes()
    {
        var random = new Random(20261125);
        byte[] buffer = new byte[64];
        for (int round = 0; round < 20000; round++)
        {
            random.NextBytes(buffer);
            int offset = random.Next(0, 32);
            int count = random.Next(0, buffer.Length - offset);
            // Poison the bytes just outside the range: reading them would show up as different results.
            var reader = new MsgPackReader(buffer, offset, count);
            int steps = 0;
            while (reader.Remaining > 0 && steps++ < 64)
            {
                int before = reader.Position;
                bool any = reader.TryReadInt64(out _) || reader.TryReadUInt64(out _) || reader.TryReadInt32InRange(-5, 5, out _)
                    || reader.TryReadUInt32(1000, out _) || reader.TryReadNil() || reader.TryReadBool(out _)
                    || reader.TryReadArrayHeader(out _) || reader.TryReadBin(out _, out _) || reader.TrySkip();
                Assert.InRange(reader.Position, offset, offset + count);
                if (!any)
                {
                    Assert.Equal(before, reader.Position);
                    break;
                }
            }

            var skipper = new MsgPackReader(buffer, offset, count);
            if (skipper.TrySkip())
            {
                var reference = new CSharpReader(new ReadOnlySequence<byte>(buffer, offset, count));
                reference.Skip();
                Assert.Equal(reference.Consumed, skipper.Position - offset);
            }
        }
    }

    [Fact]
    public void Deep_nesting_is_skipped_without_recursion()
    {
        byte[] nested = Enumerable.Repeat((byte)0x91, 100000).Append((byte)0x01).ToArray(); // [[[[...1]]]]
        var reader = new MsgPackReader(nested, 0, nested.Length);
        Assert.True(reader.TrySkip());
        Assert.Equal(0, reader.Remaining);

        var truncated = new MsgPackReader(nested, 0, nested.Length - 1);
        Assert.False(truncated.TrySkip());
        Assert.Equal(0, truncated.Position);
    }

    private static readonly int[] BinLengths = { 0, 1, 31, 32, 255, 256, 1000, 65535, 65536, 70000 };

    [Fact]
    public void Bin_headers_put_by_the_core_are_what_MessagePackCSharp_writes()
    {
        foreach (int length in BinLengths)
        {
            byte[] core = new byte[5];
            int end = MsgPackEncoding.PutBinHeader(core, 0, length);
            Assert.Equal(MsgPackEncoding.SizeOfBinHeader(length), end);

            var reference = new ArrayBufferWriter<byte>();
            var referenceWriter = new CSharpWriter(reference);
            referenceWriter.WriteBinHeader(length);
            referenceWriter.Flush();
            Assert.Equal(reference.WrittenSpan.ToArray(), core.AsSpan(0, end).ToArray());
        }
    }

    [Fact]
    public void GetBinHeader_agrees_with_MessagePackCSharp_for_bin8_16_32_and_every_truncation()
    {
        foreach (int length in BinLengths)
        {
            foreach (byte code in new byte[] { MsgPackCode.Bin8, MsgPackCode.Bin16, MsgPackCode.Bin32 })
            {
                int sizeBytes = code == MsgPackCode.Bin8 ? 1 : code == MsgPackCode.Bin16 ? 2 : 4;
                if (sizeBytes < 4 && length >= 1 << (8 * sizeBytes))
                {
                    continue;
                }

                // At offset 2, with bytes after it that a reader must not take for the value's own.
                byte[] buffer = new byte[2 + 1 + sizeBytes + length + 3];
                MsgPackEncoding.PutCodeAndBigEndian(buffer, 2, code, (ulong)length, sizeBytes);
                int valueEnd = 2 + 1 + sizeBytes + length;
                for (int end = 2; end <= valueEnd; end++)
                {
                    int next = MsgPackDecoding.GetBinHeader(buffer, 2, end, int.MaxValue, out int read);
                    bool referenceReads = TryReadBinWithMessagePackCSharp(buffer, 2, end - 2, out long consumed, out long referenceLength);
                    Assert.Equal(referenceReads, next >= 0);
                    if (next >= 0)
                    {
                        Assert.Equal(valueEnd, end);
                        Assert.Equal(2 + 1 + sizeBytes, next);
                        Assert.Equal(length, read);
                        Assert.Equal(length, referenceLength);
                        Assert.Equal(next + read - 2, consumed);
                    }
                    else
                    {
                        Assert.Equal(0, read);
                    }

                    // Long values: every end near the header and near the value's end (each refusal is an exception in MessagePack-CSharp).
                    if (length > 1000 && end == 2 + 1 + sizeBytes + 2 && valueEnd - end > 4)
                    {
                        end = valueEnd - 4;
                    }
                }

                Assert.Equal(2 + 1 + sizeBytes, MsgPackDecoding.GetBinHeader(buffer, 2, buffer.Length, length, out _));
                Assert.Equal(length == 0 ? 2 + 1 + sizeBytes : -1, MsgPackDecoding.GetBinHeader(buffer, 2, buffer.Length, length - 1, out _)); // longer than allowed
            }
        }
    }

    [Fact]
    public void GetBinHeader_refuses_everything_that_is_not_bin_and_positions_outside_the_range()
    {
        byte[] buffer = new byte[16];
        for (int code = 0; code < 256; code++)
        {
            buffer[0] = (byte)code;
            int next = MsgPackDecoding.GetBinHeader(buffer, 0, buffer.Length, int.MaxValue, out int length);
            bool isBin = code == MsgPackCode.Bin8 || code == MsgPackCode.Bin16 || code == MsgPackCode.Bin32;
            Assert.Equal(isBin, next >= 0); // strings (fixstr, str 8/16/32) included: the old spec's raw is not bin
            Assert.Equal(0, length);
        }

        buffer[0] = MsgPackCode.Bin8;
        Assert.Equal(-1, MsgPackDecoding.GetBinHeader(buffer, -1, buffer.Length, int.MaxValue, out _));
        Assert.Equal(-1, MsgPackDecoding.GetBinHeader(buffer, 4, 4, int.MaxValue, out _));
        Assert.Equal(-1, MsgPackDecoding.GetBinHeader(buffer, 0, 1, int.MaxValue, out _)); // the length byte is past the end

        // bin 32 announcing more than int.MaxValue bytes: refused, not wrapped to a negative length.
        byte[] huge = { MsgPackCode.Bin32, 0xff, 0xff, 0xff, 0xff, 0x00 };
        Assert.Equal(-1, MsgPackDecoding.GetBinHeader(huge, 0, huge.Length, int.MaxValue, out int hugeLength));
        Assert.Equal(0, hugeLength);
    }

    private static bool TryReadBinWithMessagePackCSharp(byte[] buffer, int offset, int count, out long consumed, out long length)
    {
        consumed = 0;
        length = 0;
        try
        {
            var reader = new CSharpReader(new ReadOnlySequence<byte>(buffer, offset, count));
            ReadOnlySequence<byte>? bytes = reader.ReadBytes();
            if (!bytes.HasValue)
            {
                return false;
            }

            consumed = reader.Consumed;
            length = bytes.Value.Length;
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static IEnumerable<long> RandomIntegers(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int bits = random.Next(1, 64);
            long magnitude = random.NextInt64() >> (63 - bits);
            yield return random.Next(2) == 0 ? magnitude : -magnitude;
        }
    }

    private delegate void EncodeWith(ref CSharpWriter writer);

    private static IEnumerable<byte[]> EveryEncodingOf(long value)
    {
        var encodings = new List<EncodeWith>();
        if (value >= 0)
        {
            if (value <= byte.MaxValue) { encodings.Add((ref CSharpWriter w) => w.WriteUInt8((byte)value)); }
            if (value <= ushort.MaxValue) { encodings.Add((ref CSharpWriter w) => w.WriteUInt16((ushort)value)); }
            if (value <= uint.MaxValue) { encodings.Add((ref CSharpWriter w) => w.WriteUInt32((uint)value)); }
            encodings.Add((ref CSharpWriter w) => w.WriteUInt64((ulong)value));
        }

        if (value >= sbyte.MinValue && value <= sbyte.MaxValue) { encodings.Add((ref CSharpWriter w) => w.WriteInt8((sbyte)value)); }
        if (value >= short.MinValue && value <= short.MaxValue) { encodings.Add((ref CSharpWriter w) => w.WriteInt16((short)value)); }
        if (value >= int.MinValue && value <= int.MaxValue) { encodings.Add((ref CSharpWriter w) => w.WriteInt32((int)value)); }
        encodings.Add((ref CSharpWriter w) => w.WriteInt64(value));
        encodings.Add((ref CSharpWriter w) => w.Write(value));
        foreach (var encode in encodings)
        {
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new CSharpWriter(buffer);
            encode(ref writer);
            writer.Flush();
            yield return buffer.WrittenSpan.ToArray();
        }
    }
}
