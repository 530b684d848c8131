using System;
using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MessagePack;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// The core's beacon codec against MessagePack-CSharp on the same body. Each category (Encode,
    /// Decode) has MessagePack-CSharp as its baseline, so the Ratio column reads "core time / MessagePack time".
    /// The core does strictly more per op (8-byte envelope, tag, range checks); MessagePack-CSharp does the body only.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class BeaconCodecBenchmarks
    {
        private const string Encode = "Encode";
        private const string Decode = "Decode";

        private readonly int _tagBytes = new NodeLimits().AuthTagBytes;
        private readonly MessagePackSerializerOptions _options = MessagePackSerializerOptions.Standard;
        private readonly ArrayBufferWriter<byte> _writer = new ArrayBufferWriter<byte>(64);
        private FrameHeader _header;
        private BeaconBody _body;
        private BeaconDto _dto = new BeaconDto();
        private byte[] _encodeBuffer = Array.Empty<byte>();
        private byte[] _frame = Array.Empty<byte>();
        private int _frameBytes;
        private ReadOnlyMemory<byte> _bodyBytes;

        [GlobalSetup]
        public void Setup()
        {
            _header = SampleBeacon.Header();
            _body = SampleBeacon.Body();
            _dto = SampleBeacon.Dto();
            _encodeBuffer = new byte[FrameCodec.BeaconFrameBytesMax(_tagBytes)];
            _frame = new byte[FrameCodec.BeaconFrameBytesMax(_tagBytes)];
            _frameBytes = FrameCodec.WriteBeacon(_header, _body, _tagBytes, _frame, 0, _frame.Length);
            byte[] coreBody = _frame.AsSpan(FrameHeader.Bytes, _frameBytes - FrameHeader.Bytes - _tagBytes).ToArray();
            _bodyBytes = coreBody;
            RequireSameBytes(coreBody, MessagePackSerializer.Serialize(_dto, _options));
            RequireSameContent(MessagePackSerializer.Deserialize<BeaconDto>(_bodyBytes, _options));
        }

        [Benchmark(Baseline = true)]
        [BenchmarkCategory(Encode)]
        public int MessagePackCSharp_Encode()
        {
            _writer.Clear();
            MessagePackSerializer.Serialize(_writer, _dto, _options);
            return _writer.WrittenCount;
        }

        [Benchmark]
        [BenchmarkCategory(Encode)]
        public int Core_EncodeBeacon()
        {
            return FrameCodec.WriteBeacon(_header, _body, _tagBytes, _encodeBuffer, 0, _encodeBuffer.Length);
        }

        [Benchmark(Baseline = true)]
        [BenchmarkCategory(Decode)]
        public BeaconDto MessagePackCSharp_Decode()
        {
            return MessagePackSerializer.Deserialize<BeaconDto>(_bodyBytes, _options);
        }

        [Benchmark]
        [BenchmarkCategory(Decode)]
        public BeaconBody Core_DecodeBeacon()
        {
            if (FrameCodec.TryRead(_frame, 0, _frameBytes, _tagBytes, out FrameHeader _, out int bodyOffset, out int bodyCount) != WireError.None
                || BeaconBody.TryRead(_frame, bodyOffset, bodyCount, out BeaconBody body) != WireError.None)
            {
                return default;
            }

            return body;
        }

        // Apples to apples: both libraries must produce (and read) the very same body bytes.
        private static void RequireSameBytes(byte[] core, byte[] messagePack)
        {
            if (!core.AsSpan().SequenceEqual(messagePack))
            {
                throw new InvalidOperationException(
                    "beacon body bytes differ: core " + Convert.ToHexString(core) + " vs MessagePack-CSharp " + Convert.ToHexString(messagePack));
            }
        }

        private void RequireSameContent(BeaconDto decoded)
        {
            bool same = decoded.Level == _body.Level && decoded.Role == (byte)_body.Role
                && decoded.LatitudeE7 == _body.LatitudeE7 && decoded.LongitudeE7 == _body.LongitudeE7
                && decoded.Capabilities == (ushort)_body.Capabilities && decoded.BatteryPercent == _body.BatteryPercent
                && decoded.LoadPercent == _body.LoadPercent && decoded.ParentId == _body.ParentId
                && decoded.PartitionId == _body.PartitionId && decoded.Rank == _body.Rank && decoded.IntervalHintDs == _body.IntervalHintDs;
            if (!same)
            {
                throw new InvalidOperationException("MessagePack-CSharp decoded the core's body to different field values");
            }
        }
    }
}
