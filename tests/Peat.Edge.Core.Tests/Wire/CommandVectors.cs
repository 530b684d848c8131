using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Tests.Wire;

/// <summary>
/// The normative command (type 2) and command status (type 3) vectors of docs/wire-format.md: whole
/// frames in hex (envelope, body, 8-byte tag) and the fields they carry. A test checks the doc shows them.
/// </summary>
public static class CommandVectors
{
    public sealed record Command(string Name, string Hex, byte KeyId, uint SourceId, ushort Sequence, CommandBody Body);

    public sealed record Status(string Name, string Hex, byte KeyId, uint SourceId, ushort Sequence, CommandStatusBody Body);

    /// <summary>Geohash "u0qjdk" (Zurich, precision 6) as bits: the cell vector's value.</summary>
    public const ulong ZurichCellBits = 0x340B4592;

    public static readonly Command Parent = new(
        "parent",
        "12000a00000100109607ce0a00000403ce0a00000300080000000000000000",
        0, 0x0A000001, 0x0010,
        new CommandBody { CommandId = 7, TargetId = 0x0A000004, Kind = AssignmentKind.Parent, Value = 0x0A000003, Precision = 0, HopsLeft = 8 });

    public static readonly Command Cell = new(
        "cell",
        "12000a00000100119608ce0a00000401ce340b459206080000000000000000",
        0, 0x0A000001, 0x0011,
        new CommandBody { CommandId = 8, TargetId = 0x0A000004, Kind = AssignmentKind.Cell, Value = ZurichCellBits, Precision = 6, HopsLeft = 8 });

    public static readonly Command Level = new(
        "level",
        "12000a00000100129609ce0a000004020200080000000000000000",
        0, 0x0A000001, 0x0012,
        new CommandBody { CommandId = 9, TargetId = 0x0A000004, Kind = AssignmentKind.Level, Value = 2, Precision = 0, HopsLeft = 8 });

    public static readonly Command MaximalCommand = new(
        "maximal-command",
        "120ffffffffeffff96cdffffcefffffffeccffcfffffffffffffffffccffccff0000000000000000",
        FrameHeader.KeyIdMax, 0xFFFFFFFE, 0xFFFF,
        new CommandBody { CommandId = 0xFFFF, TargetId = 0xFFFFFFFE, Kind = (AssignmentKind)255, Value = ulong.MaxValue, Precision = 255, HopsLeft = 255 });

    public static readonly Status InProgress = new(
        "in-progress",
        "13000a00000402009607ce0a000001ce0a0000040100080000000000000000",
        0, 0x0A000004, 0x0200,
        new CommandStatusBody { CommandId = 7, CommanderId = 0x0A000001, TargetId = 0x0A000004, State = AssignmentState.InProgress, Reason = AssignmentFailure.None, HopsLeft = 8 });

    public static readonly Status FailedUnreachable = new(
        "failed-unreachable",
        "13000a00000402019607ce0a000001ce0a0000040301050000000000000000",
        0, 0x0A000004, 0x0201,
        new CommandStatusBody { CommandId = 7, CommanderId = 0x0A000001, TargetId = 0x0A000004, State = AssignmentState.Failed, Reason = AssignmentFailure.Unreachable, HopsLeft = 5 });

    public static readonly Status MaximalStatus = new(
        "maximal-status",
        "130ffffffffeffff96cdffffcefffffffecefffffffeccffccffccff0000000000000000",
        FrameHeader.KeyIdMax, 0xFFFFFFFE, 0xFFFF,
        new CommandStatusBody { CommandId = 0xFFFF, CommanderId = 0xFFFFFFFE, TargetId = 0xFFFFFFFE, State = (AssignmentState)255, Reason = (AssignmentFailure)255, HopsLeft = 255 });

    public static readonly Command[] Commands = { Parent, Cell, Level, MaximalCommand };

    public static readonly Status[] Statuses = { InProgress, FailedUnreachable, MaximalStatus };

    /// <summary>The parent vector with the string "x" and the integer 1 appended (a later version's fields): read as the parent vector.</summary>
    public const string ForwardCompatibleCommandHex = "12000a00000100109807ce0a00000403ce0a0000030008a178010000000000000000";
}
