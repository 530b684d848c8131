using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Tests.Wire;

/// <summary>
/// The normative telemetry (type 4) and telemetry acknowledgement (type 5) vectors of
/// docs/wire-format.md: whole frames in hex (envelope, body, 8-byte tag) and the fields they carry.
/// A test checks the doc shows them.
/// </summary>
public static class TelemetryVectors
{
    /// <summary>One record as the vectors give it: the payload in hex (opaque application bytes).</summary>
    public sealed record Record(uint OriginId, uint OriginSequence, byte Hops, string PayloadHex)
    {
        public byte[] Payload => Convert.FromHexString(PayloadHex);
    }

    public sealed record Frame(string Name, string Hex, byte KeyId, uint SourceId, ushort Sequence, uint NextHop, Record[] Records);

    public sealed record Ack(string Name, string Hex, byte KeyId, uint SourceId, ushort Sequence, TelemetryAckBody Body);

    /// <summary>
    /// Leaf 0x0A000004 sends its parent 0x0A000002 one record of its own (origin sequence 0x5EED0001,
    /// hops 1: the link it is crossing). Payload: 225 (22.5 °C in 0.1 °C, uint16) and 87 (% battery).
    /// </summary>
    public static readonly Frame OneRecord = new(
        "one-record",
        "14000a000004013192ce0a0000029194ce0a000004ce5eed000101c40300e1570000000000000000",
        0, 0x0A000004, 0x0131, 0x0A000002,
        new[] { new Record(0x0A000004, 0x5EED0001, 1, "00e157") });

    /// <summary>
    /// Relay 0x0A000002 passes two records of leaf 0x0A000004 (now at hops 2) and one of its own (an
    /// empty payload) to the root 0x0A000001 in one frame: aggregation.
    /// </summary>
    public static readonly Frame ThreeRecords = new(
        "three-records",
        "14000a000002010092ce0a0000019394ce0a000004ce5eed000102c40300e15794ce0a000004ce5eed000202c40300e25694ce0a0000020901c4000000000000000000",
        0, 0x0A000002, 0x0100, 0x0A000001,
        new[]
        {
            new Record(0x0A000004, 0x5EED0001, 2, "00e157"),
            new Record(0x0A000004, 0x5EED0002, 2, "00e256"),
            new Record(0x0A000002, 9, 1, ""),
        });

    /// <summary>The parent's answer to <see cref="OneRecord"/>: custody taken (26 bytes, the largest acknowledgement frame without a frame limit).</summary>
    public static readonly Ack Accepted = new(
        "ack-accepted",
        "15000a000002004293ce0a000004cd0131010000000000000000",
        0, 0x0A000002, 0x0042,
        new TelemetryAckBody { ToId = 0x0A000004, AckedSequence = 0x0131, Accepted = true });

    /// <summary>The root's answer to <see cref="ThreeRecords"/> while its inbox is full: refused, the relay keeps the records.</summary>
    public static readonly Ack Refused = new(
        "ack-refused",
        "15000a000001000793ce0a000002cd0100000000000000000000",
        0, 0x0A000001, 0x0007,
        new TelemetryAckBody { ToId = 0x0A000002, AckedSequence = 0x0100, Accepted = false });

    /// <summary>
    /// A gateway that takes frames of at most 255 bytes refuses a larger telemetry frame of 0x0A000004 and names its
    /// limit (a 4-element body), so the sender builds its next frames to fit.
    /// </summary>
    public static readonly Ack RefusedTooLarge = new(
        "ack-refused-too-large",
        "15000a000001000894ce0a000004cd013200ccff0000000000000000",
        0, 0x0A000001, 0x0008,
        new TelemetryAckBody { ToId = 0x0A000004, AckedSequence = 0x0132, Accepted = false, FrameBytesMax = 255 });

    public static readonly Frame[] Frames = { OneRecord, ThreeRecords };

    public static readonly Ack[] Acks = { Accepted, Refused, RefusedTooLarge };

    /// <summary>
    /// <see cref="OneRecord"/> with the integer 1 appended to its record (a 5-element record) and the
    /// string "x" appended to the body (a 3-element body): read as <see cref="OneRecord"/>.
    /// </summary>
    public const string ForwardCompatibleHex = "14000a000004013193ce0a0000029195ce0a000004ce5eed000101c40300e15701a1780000000000000000";
}
