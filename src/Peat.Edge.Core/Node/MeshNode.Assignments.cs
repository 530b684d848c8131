using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Discovery;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Storage;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Node
{
    /// <summary>
    /// Directed assignment (docs/architecture.md, "Directed assignment"): a commander tells one node to
    /// take a cell, a level or a parent, and tracks the answer. Commands and statuses flood: every node
    /// passes each one it has not seen before on once, with one hop less, so they reach nodes many hops
    /// away before routing exists.
    /// <list type="bullet">
    /// <item>Commander: <see cref="TryAssign"/> stores a Pending assignment and queues the command; statuses move
    /// it to InProgress, Completed or Failed(reason); no final answer within <c>AssignmentTimeoutMs</c> →
    /// Failed(TimedOut). Each change is an <c>AssignmentStatus</c> event.</item>
    /// <item>Target: asks the <see cref="CommandAuthorizer"/>, checks the value (<see cref="AssignmentRules"/>),
    /// answers InProgress and applies it. Level and cell complete at once; a parent completes when the node
    /// has attached to it, or fails Unreachable when it is no neighbour or attaching did not happen within
    /// half the timeout (so the answer can still reach the commander before it gives up).</item>
    /// </list>
    /// </summary>
    public sealed partial class MeshNode
    {
        private readonly AssignedLevelStrategy _levelAssignment;
        private readonly DuplicateCache _duplicates;
        private readonly AssignmentTable _assignments;
        private ICommandAuthorizer _authorizer;
        private ushort _commandSequence;
        private ushort _statusSequence;

        // Target side: the one parent assignment that waits for the node to attach.
        private bool _parentAssignmentOpen;
        private uint _parentAssignmentCommanderId;
        private ushort _parentAssignmentCommandId;
        private long _parentAssignmentDeadlineMs;

        // Target side: the last command answered, so a copy that outlived the duplicate ring is not applied twice.
        private bool _hasAnswered;
        private uint _answeredCommanderId;
        private ushort _answeredCommandId;

        /// <summary>
        /// Decides whether this node obeys a command (default <see cref="AllowAllCommands"/>; a deployment
        /// sets <see cref="AllowListedCommanders"/> until frame security authenticates commanders).
        /// </summary>
        public ICommandAuthorizer CommandAuthorizer
        {
            get => _authorizer;
            set
            {
                Invariant.InRange(value != null, "value", "is required (use AllowAllCommands.Instance)");
                _authorizer = value!;
            }
        }

        /// <summary>The assignments this node issued as a commander (read it; the node writes it).</summary>
        public AssignmentTable Assignments => _assignments;

        /// <summary>True while a directed assignment holds this node's level.</summary>
        public bool HasAssignedLevel => _levelAssignment.HasAssignedLevel;

        /// <summary>
        /// Commander: assigns <paramref name="targetId"/> a cell (value = geohash bits, precision 1..12), a
        /// level (value 0..15) or a parent (value = its id). Stores the assignment as Pending and queues the
        /// command; the value is judged by the target (a bad one comes back Failed(Refused)). False, counted,
        /// when every assignment slot is still open (<c>AssignmentTableFull</c>), when the outgoing queue is
        /// full (<c>QueueFull</c>), or under emission control with no parent (<c>EmissionSuppressed</c>);
        /// <paramref name="commandId"/> is meaningless then.
        /// </summary>
        public bool TryAssign(uint targetId, AssignmentKind kind, ulong value, int precision, long nowMs, out ushort commandId)
        {
            Invariant.InRange(FrameHeader.IsValidNodeId(targetId) && targetId != _identity.NodeId, "targetId", "must be a valid id other than this node's");
            Invariant.InRange(kind != AssignmentKind.None, "kind", "must not be None");
            Invariant.InRange(precision >= 0 && precision <= 255, "precision", "must be 0..255 (one byte on the wire)");
            Advance(nowMs);
            if (!_assignments.TryReserve(out commandId))
            {
                _metrics.AssignmentTableFull();
                return false;
            }

            CommandBody body = default;
            body.CommandId = commandId;
            body.TargetId = targetId;
            body.Kind = kind;
            body.Value = value;
            body.Precision = (byte)precision;
            body.HopsLeft = (byte)_limits.HopLimit;
            if (!TryOriginDestination(out uint destinationId) || !_outgoing.TryBeginEnqueue(out byte[] buffer, out int offset))
            {
                if (destinationId != FrameHeader.NodeIdNone)
                {
                    _metrics.QueueFull();
                }

                return false;
            }

            _commandSequence++;
            FrameHeader header = new FrameHeader(FrameType.Command, FrameFlags.None, 0, _identity.NodeId, _commandSequence);
            int length = FrameCodec.WriteCommand(header, body, _limits.AuthTagBytes, buffer, offset, _outgoing.SlotBytes);
            Invariant.That(length > 0, "a command always fits a frame slot (FrameBytesMax >= FrameBytesFloor)");
            _outgoing.CommitEnqueue(length, destinationId);
            AssignmentRecord assignment = _assignments.Add(commandId, targetId, kind, value, (byte)precision, _nowMs, _nowMs + _limits.AssignmentTimeoutMs);
            EmitAssignment(MeshEventKind.AssignmentStatus, targetId, assignment.CommandId, assignment.State, assignment.Failure);
            return true;
        }

        /// <summary>Commander: copies out an assignment this node issued; false when it is not held (never issued, or evicted after it ended).</summary>
        public bool TryGetAssignment(ushort commandId, out AssignmentRecord assignment)
        {
            return _assignments.TryGet(commandId, out assignment);
        }

        /// <summary>
        /// Target: gives level, cell and parent back to the node's own rules (the wire has no "release"; the
        /// host decides). A parent assignment still waiting is answered Failed(Refused).
        /// </summary>
        public void ReleaseAssignments(long nowMs)
        {
            Advance(nowMs);
            _levelAssignment.Release();
            _topology.AssignCell(default);
            _topology.PinParent(FrameHeader.NodeIdNone);
            if (_parentAssignmentOpen)
            {
                _parentAssignmentOpen = false;
                Answer(_parentAssignmentCommanderId, _parentAssignmentCommandId, AssignmentState.Failed, AssignmentFailure.Refused);
            }

            Evaluate();
        }

        private ReceiveResult ApplyCommand(byte[] buffer, int offset, int count, in FrameHeader header, int bodyOffset, int bodyCount)
        {
            WireError error = CommandBody.TryRead(buffer, bodyOffset, bodyCount, out CommandBody command, out int hopsOffset, out int hopsEnd);
            if (error != WireError.None)
            {
                return ToResult(error);
            }

            if (_duplicates.CheckAndRecord(header.SourceId, header.Type, header.Sequence))
            {
                return ReceiveResult.DroppedDuplicate;
            }

            if (command.TargetId == _identity.NodeId)
            {
                HandleCommand(header.SourceId, command);
            }
            else
            {
                Relay(buffer, offset, count, hopsOffset, hopsEnd, command.HopsLeft);
            }

            return ReceiveResult.Accepted;
        }

        private ReceiveResult ApplyCommandStatus(byte[] buffer, int offset, int count, in FrameHeader header, int bodyOffset, int bodyCount)
        {
            WireError error = CommandStatusBody.TryRead(buffer, bodyOffset, bodyCount, out CommandStatusBody status, out int hopsOffset, out int hopsEnd);
            if (error != WireError.None)
            {
                return ToResult(error);
            }

            if (_duplicates.CheckAndRecord(header.SourceId, header.Type, header.Sequence))
            {
                return ReceiveResult.DroppedDuplicate;
            }

            if (status.CommanderId != _identity.NodeId)
            {
                Relay(buffer, offset, count, hopsOffset, hopsEnd, status.HopsLeft);
            }
            else if (status.TargetId == header.SourceId
                && _assignments.TryAdvance(status.CommandId, header.SourceId, status.State, status.Reason, _nowMs, out AssignmentRecord assignment))
            {
                // Only the target itself reports on its command; unknown, late and backward reports change nothing.
                EmitAssignment(MeshEventKind.AssignmentStatus, assignment.TargetId, assignment.CommandId, assignment.State, assignment.Failure);
            }

            return ReceiveResult.Accepted;
        }

        /// <summary>Passes a flooded frame on once, with one hop less; nothing when no hop is left or under EMCON.</summary>
        private void Relay(byte[] buffer, int offset, int count, int hopsOffset, int hopsEnd, int hopsLeft)
        {
            int next = FloodRelay.NextHopsLeft(hopsLeft, _limits.HopLimit);
            if (next == 0)
            {
                return;
            }

            if (_emissionControl)
            {
                _metrics.EmissionSuppressed();
                return;
            }

            if (!_outgoing.TryBeginEnqueue(out byte[] slot, out int slotOffset))
            {
                _metrics.QueueFull();
                return;
            }

            int length = FloodRelay.WriteRelayed(buffer, offset, count, hopsOffset, hopsEnd, next, slot, slotOffset);
            _outgoing.CommitEnqueue(length, FrameHeader.NodeIdBroadcast);
            _metrics.FrameRelayed();
        }

        private void HandleCommand(uint commanderId, in CommandBody command)
        {
            if (_hasAnswered && _answeredCommanderId == commanderId && _answeredCommandId == command.CommandId)
            {
                return;
            }

            _hasAnswered = true;
            _answeredCommanderId = commanderId;
            _answeredCommandId = command.CommandId;
            if (!_authorizer.Authorize(commanderId, command.Kind, command.Value)
                || !AssignmentRules.IsValid(command.Kind, command.Value, command.Precision, _identity.NodeId))
            {
                Answer(commanderId, command.CommandId, AssignmentState.Failed, AssignmentFailure.Refused);
                return;
            }

            if (command.Kind == AssignmentKind.Parent && _neighbours.IndexOf((uint)command.Value) < 0)
            {
                Answer(commanderId, command.CommandId, AssignmentState.Failed, AssignmentFailure.Unreachable);
                return;
            }

            Answer(commanderId, command.CommandId, AssignmentState.InProgress, AssignmentFailure.None);
            switch (command.Kind)
            {
                case AssignmentKind.Level:
                    _levelAssignment.Assign((byte)command.Value);
                    Evaluate();
                    Answer(commanderId, command.CommandId, AssignmentState.Completed, AssignmentFailure.None);
                    break;
                case AssignmentKind.Cell:
                    _topology.AssignCell(new GeohashCell(command.Value, command.Precision));
                    Evaluate();
                    Answer(commanderId, command.CommandId, AssignmentState.Completed, AssignmentFailure.None);
                    break;
                default:
                    StartParentAssignment(commanderId, command.CommandId, (uint)command.Value);
                    break;
            }
        }

        private void StartParentAssignment(uint commanderId, ushort commandId, uint parentId)
        {
            if (_parentAssignmentOpen)
            {
                // Superseded: the newer assignment wins, and the older one's commander is told now rather than by its timeout.
                Answer(_parentAssignmentCommanderId, _parentAssignmentCommandId, AssignmentState.Failed, AssignmentFailure.Refused);
            }

            _parentAssignmentOpen = true;
            _parentAssignmentCommanderId = commanderId;
            _parentAssignmentCommandId = commandId;
            _parentAssignmentDeadlineMs = _nowMs + (_limits.AssignmentTimeoutMs / 2);
            _topology.PinParent(parentId);
            Evaluate();
            CheckParentAssignment();
        }

        /// <summary>Completes the open parent assignment once attached to the pinned parent; fails it Unreachable (and unpins) at its deadline.</summary>
        [MethodImpl(Inlining.Aggressive)]
        private void CheckParentAssignment()
        {
            if (!_parentAssignmentOpen)
            {
                return;
            }

            if (_topology.ParentId == _topology.PinnedParentId)
            {
                _parentAssignmentOpen = false;
                Answer(_parentAssignmentCommanderId, _parentAssignmentCommandId, AssignmentState.Completed, AssignmentFailure.None);
            }
            else if (_nowMs >= _parentAssignmentDeadlineMs)
            {
                _parentAssignmentOpen = false;
                _topology.PinParent(FrameHeader.NodeIdNone);
                Answer(_parentAssignmentCommanderId, _parentAssignmentCommandId, AssignmentState.Failed, AssignmentFailure.Unreachable);
                Evaluate();
            }
        }

        /// <summary>Commander: fails every open assignment whose deadline passed.</summary>
        private void ExpireAssignments()
        {
            while (_assignments.TryExpire(_nowMs, out AssignmentRecord assignment))
            {
                EmitAssignment(MeshEventKind.AssignmentStatus, assignment.TargetId, assignment.CommandId, assignment.State, assignment.Failure);
            }
        }

        [MethodImpl(Inlining.Aggressive)]
        private long NextAssignmentDeadlineMs()
        {
            long dueMs = _assignments.NextDeadlineMs;
            return _parentAssignmentOpen && _parentAssignmentDeadlineMs < dueMs ? _parentAssignmentDeadlineMs : dueMs;
        }

        /// <summary>Target: reports a state to the commander (event here, status frame flooded to it).</summary>
        private void Answer(uint commanderId, ushort commandId, AssignmentState state, AssignmentFailure failure)
        {
            EmitAssignment(MeshEventKind.AssignmentAnswered, commanderId, commandId, state, failure);
            if (!TryOriginDestination(out uint destinationId))
            {
                return;
            }

            if (!_outgoing.TryBeginEnqueue(out byte[] buffer, out int offset))
            {
                _metrics.QueueFull();
                return;
            }

            CommandStatusBody body = default;
            body.CommandId = commandId;
            body.CommanderId = commanderId;
            body.TargetId = _identity.NodeId;
            body.State = state;
            body.Reason = failure;
            body.HopsLeft = (byte)_limits.HopLimit;
            _statusSequence++;
            FrameHeader header = new FrameHeader(FrameType.CommandStatus, FrameFlags.None, 0, _identity.NodeId, _statusSequence);
            int length = FrameCodec.WriteCommandStatus(header, body, _limits.AuthTagBytes, buffer, offset, _outgoing.SlotBytes);
            Invariant.That(length > 0, "a status always fits a frame slot (FrameBytesMax >= FrameBytesFloor)");
            _outgoing.CommitEnqueue(length, destinationId);
        }

        /// <summary>Where a frame this node originates goes: everyone, or under EMCON the parent only (none: withheld, counted, false with id 0).</summary>
        private bool TryOriginDestination(out uint destinationId)
        {
            destinationId = FrameHeader.NodeIdBroadcast;
            if (!_emissionControl)
            {
                return true;
            }

            destinationId = _topology.ParentId;
            if (destinationId != FrameHeader.NodeIdNone)
            {
                return true;
            }

            _metrics.EmissionSuppressed();
            return false;
        }

        private void EmitAssignment(MeshEventKind kind, uint nodeId, ushort commandId, AssignmentState state, AssignmentFailure failure)
        {
            Emit(kind, nodeId, AssignmentEventValue.Pack(commandId, state, failure));
        }
    }
}
