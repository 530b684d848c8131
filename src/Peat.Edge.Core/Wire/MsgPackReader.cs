using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// Reads the MessagePack subset the wire format uses from a caller's byte range. Every read is a
    /// <c>Try…</c>: malformed, truncated, out-of-range or wrongly typed input returns false, leaves the
    /// position where it was, never throws and never reads outside the range. A local struct: using it
    /// allocates nothing.
    /// </summary>
    public struct MsgPackReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        /// <summary>Reads from buffer[offset .. offset + count).</summary>
        public MsgPackReader(byte[] buffer, int offset, int count)
        {
            Invariant.Slice(buffer, offset, count);
            _buffer = buffer;
            _end = offset + count;
            _position = offset;
        }

        /// <summary>Absolute index of the next byte to read.</summary>
        public int Position => _position;

        /// <summary>Bytes left to read.</summary>
        public int Remaining => _end - _position;

        /// <summary>True when the next value is nil (does not consume it).</summary>
        public bool PeekIsNil
        {
            [MethodImpl(Inlining.Aggressive)]
            get { return _position < _end && _buffer[_position] == MsgPackCode.Nil; }
        }

        /// <summary>Consumes a nil.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public bool TryReadNil()
        {
            int next = MsgPackDecoding.GetNil(_buffer, _position, _end);
            return Commit(next);
        }

        /// <summary>Reads a bool.</summary>
        public bool TryReadBool(out bool value)
        {
            value = false;
            if (_position >= _end)
            {
                return false;
            }

            byte code = _buffer[_position];
            if (code != MsgPackCode.True && code != MsgPackCode.False)
            {
                return false;
            }

            value = code == MsgPackCode.True;
            _position++;
            return true;
        }

        /// <summary>Reads any integer encoding that fits in a long.</summary>
        public bool TryReadInt64(out long value)
        {
            int next = MsgPackDecoding.GetInteger(_buffer, _position, _end, out long signedValue, out ulong unsignedValue, out bool isUnsigned);
            bool fits = !isUnsigned || unsignedValue <= long.MaxValue;
            value = next >= 0 && fits ? (isUnsigned ? (long)unsignedValue : signedValue) : 0;
            return Commit(fits ? next : -1);
        }

        /// <summary>Reads any integer encoding whose value fits in an unsigned long (negative values are refused).</summary>
        public bool TryReadUInt64(out ulong value)
        {
            int next = MsgPackDecoding.GetInteger(_buffer, _position, _end, out long signedValue, out ulong unsignedValue, out bool isUnsigned);
            bool fits = isUnsigned || signedValue >= 0;
            value = next >= 0 && fits ? (isUnsigned ? unsignedValue : (ulong)signedValue) : 0;
            return Commit(fits ? next : -1);
        }

        /// <summary>Reads an integer and refuses it unless min ≤ value ≤ max.</summary>
        public bool TryReadInt32InRange(int min, int max, out int value)
        {
            return Commit(MsgPackDecoding.GetInt32(_buffer, _position, _end, min, max, out value));
        }

        /// <summary>Reads an unsigned integer no larger than max.</summary>
        public bool TryReadUInt32(uint max, out uint value)
        {
            return Commit(MsgPackDecoding.GetUInt32(_buffer, _position, _end, max, out value));
        }

        /// <summary>Reads an array header.</summary>
        public bool TryReadArrayHeader(out int count)
        {
            return Commit(MsgPackDecoding.GetArrayHeader(_buffer, _position, _end, out count));
        }

        /// <summary>Reads a bin value; its bytes stay in place at buffer[offset .. offset + length).</summary>
        public bool TryReadBin(out int offset, out int length)
        {
            offset = MsgPackDecoding.GetBinHeader(_buffer, _position, _end, int.MaxValue, out length);
            if (offset < 0)
            {
                offset = 0;
                return false;
            }

            _position = offset + length;
            return true;
        }

        /// <summary>
        /// Skips one complete value of any MessagePack type (so readers can ignore fields a newer
        /// sender appended). Iterative, so deeply nested input cannot exhaust the stack.
        /// </summary>
        public bool TrySkip()
        {
            int start = _position;
            long pending = 1;
            while (pending > 0)
            {
                if (!TrySkipHeader(out long children) || children > Remaining)
                {
                    // Every child takes at least one byte, so more children than bytes is malformed.
                    _position = start;
                    return false;
                }

                pending += children - 1;
            }

            return true;
        }

        private bool TrySkipHeader(out long children)
        {
            children = 0;
            if (_position >= _end)
            {
                return false;
            }

            byte code = _buffer[_position];
            if (code <= MsgPackCode.PositiveFixIntMax || code >= MsgPackCode.NegativeFixIntMin || code == MsgPackCode.Nil || code == MsgPackCode.True || code == MsgPackCode.False)
            {
                return Advance(1);
            }

            if (code >= MsgPackCode.FixMap && code <= MsgPackCode.FixMapMax)
            {
                children = 2L * (code & 0x0f);
                return Advance(1);
            }

            if (code >= MsgPackCode.FixArray && code <= MsgPackCode.FixArrayMax)
            {
                children = code & 0x0f;
                return Advance(1);
            }

            if (code >= MsgPackCode.FixStr && code <= MsgPackCode.FixStrMax)
            {
                return Advance(1 + (code & 0x1f));
            }

            switch (code)
            {
                case MsgPackCode.UInt8:
                case MsgPackCode.Int8:
                    return Advance(2);
                case MsgPackCode.UInt16:
                case MsgPackCode.Int16:
                    return Advance(3);
                case MsgPackCode.UInt32:
                case MsgPackCode.Int32:
                case MsgPackCode.Float32:
                    return Advance(5);
                case MsgPackCode.UInt64:
                case MsgPackCode.Int64:
                case MsgPackCode.Float64:
                    return Advance(9);
                case MsgPackCode.Bin8:
                case MsgPackCode.Str8:
                    return SkipSized(1, 0);
                case MsgPackCode.Bin16:
                case MsgPackCode.Str16:
                    return SkipSized(2, 0);
                case MsgPackCode.Bin32:
                case MsgPackCode.Str32:
                    return SkipSized(4, 0);
                case MsgPackCode.Ext8:
                    return SkipSized(1, 1);
                case MsgPackCode.Ext16:
                    return SkipSized(2, 1);
                case MsgPackCode.Ext32:
                    return SkipSized(4, 1);
                case MsgPackCode.Array16:
                case MsgPackCode.Array32:
                case MsgPackCode.Map16:
                case MsgPackCode.Map32:
                    return SkipContainerHeader(code, out children);
                default:
                    if (code >= MsgPackCode.FixExt1 && code <= MsgPackCode.FixExt16)
                    {
                        // fixext 1, 2, 4, 8, 16: a type byte and 2^(code - 0xd4) data bytes.
                        return Advance(2 + (1 << (code - MsgPackCode.FixExt1)));
                    }

                    return false; // 0xc1 is never used.
            }
        }

        private bool SkipContainerHeader(byte code, out long children)
        {
            children = 0;
            int sizeBytes = code == MsgPackCode.Array16 || code == MsgPackCode.Map16 ? 2 : 4;
            if (!TryPeekBigEndian(_position + 1, sizeBytes, out ulong wide))
            {
                return false;
            }

            bool isMap = code == MsgPackCode.Map16 || code == MsgPackCode.Map32;
            children = isMap ? 2L * (long)wide : (long)wide;
            return Advance(1 + sizeBytes);
        }

        private bool SkipSized(int sizeBytes, int typeBytes)
        {
            if (!TryPeekBigEndian(_position + 1, sizeBytes, out ulong wide) || wide > int.MaxValue)
            {
                return false;
            }

            return Advance(1 + sizeBytes + typeBytes + (long)wide);
        }

        private bool Advance(long bytes)
        {
            if (bytes > _end - _position)
            {
                return false;
            }

            _position += (int)bytes;
            return true;
        }

        [MethodImpl(Inlining.Aggressive)]
        private bool Commit(int next)
        {
            if (next < 0)
            {
                return false;
            }

            _position = next;
            return true;
        }

        private bool TryPeekBigEndian(int index, int bytes, out ulong value)
        {
            return MsgPackDecoding.TryGetBigEndian(_buffer, index, _end, bytes, out value);
        }
    }
}
