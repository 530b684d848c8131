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
        public bool PeekIsNil => _position < _end && _buffer[_position] == MsgPackCode.Nil;

        /// <summary>Consumes a nil.</summary>
        public bool TryReadNil()
        {
            if (!PeekIsNil)
            {
                return false;
            }

            _position++;
            return true;
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
            value = 0;
            if (!TryDecodeInteger(out long signedValue, out ulong unsignedValue, out bool isUnsigned, out int length))
            {
                return false;
            }

            if (isUnsigned)
            {
                if (unsignedValue > long.MaxValue)
                {
                    return false;
                }

                value = (long)unsignedValue;
            }
            else
            {
                value = signedValue;
            }

            _position += length;
            return true;
        }

        /// <summary>Reads any integer encoding whose value fits in an unsigned long (negative values are refused).</summary>
        public bool TryReadUInt64(out ulong value)
        {
            value = 0;
            if (!TryDecodeInteger(out long signedValue, out ulong unsignedValue, out bool isUnsigned, out int length))
            {
                return false;
            }

            if (!isUnsigned && signedValue < 0)
            {
                return false;
            }

            value = isUnsigned ? unsignedValue : (ulong)signedValue;
            _position += length;
            return true;
        }

        /// <summary>Reads an integer and refuses it unless min ≤ value ≤ max.</summary>
        public bool TryReadInt64InRange(long min, long max, out long value)
        {
            int start = _position;
            if (!TryReadInt64(out value) || value < min || value > max)
            {
                _position = start;
                value = 0;
                return false;
            }

            return true;
        }

        /// <summary>Reads an unsigned integer no larger than max.</summary>
        public bool TryReadUInt32(uint max, out uint value)
        {
            value = 0;
            int start = _position;
            if (!TryReadUInt64(out ulong wide) || wide > max)
            {
                _position = start;
                return false;
            }

            value = (uint)wide;
            return true;
        }

        /// <summary>Reads an array header.</summary>
        public bool TryReadArrayHeader(out int count)
        {
            count = 0;
            if (_position >= _end)
            {
                return false;
            }

            byte code = _buffer[_position];
            if (code >= MsgPackCode.FixArray && code <= MsgPackCode.FixArrayMax)
            {
                count = code & 0x0f;
                _position++;
                return true;
            }

            int sizeBytes = code == MsgPackCode.Array16 ? 2 : code == MsgPackCode.Array32 ? 4 : 0;
            if (sizeBytes == 0 || !TryPeekBigEndian(_position + 1, sizeBytes, out ulong wide) || wide > int.MaxValue)
            {
                return false;
            }

            count = (int)wide;
            _position += 1 + sizeBytes;
            return true;
        }

        /// <summary>Reads a bin value; its bytes stay in place at buffer[offset .. offset + length).</summary>
        public bool TryReadBin(out int offset, out int length)
        {
            offset = 0;
            length = 0;
            if (_position >= _end)
            {
                return false;
            }

            byte code = _buffer[_position];
            int sizeBytes = code == MsgPackCode.Bin8 ? 1 : code == MsgPackCode.Bin16 ? 2 : code == MsgPackCode.Bin32 ? 4 : 0;
            if (sizeBytes == 0 || !TryPeekBigEndian(_position + 1, sizeBytes, out ulong wide))
            {
                return false;
            }

            int headerBytes = 1 + sizeBytes;
            if (wide > (ulong)(_end - _position - headerBytes))
            {
                return false;
            }

            offset = _position + headerBytes;
            length = (int)wide;
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

        private bool TryDecodeInteger(out long signedValue, out ulong unsignedValue, out bool isUnsigned, out int length)
        {
            signedValue = 0;
            unsignedValue = 0;
            isUnsigned = true;
            length = 0;
            if (_position >= _end)
            {
                return false;
            }

            byte code = _buffer[_position];
            if (code <= MsgPackCode.PositiveFixIntMax)
            {
                unsignedValue = code;
                length = 1;
                return true;
            }

            if (code >= MsgPackCode.NegativeFixIntMin)
            {
                signedValue = (sbyte)code;
                isUnsigned = false;
                length = 1;
                return true;
            }

            int valueBytes;
            switch (code)
            {
                case MsgPackCode.UInt8: valueBytes = 1; break;
                case MsgPackCode.UInt16: valueBytes = 2; break;
                case MsgPackCode.UInt32: valueBytes = 4; break;
                case MsgPackCode.UInt64: valueBytes = 8; break;
                case MsgPackCode.Int8: valueBytes = 1; isUnsigned = false; break;
                case MsgPackCode.Int16: valueBytes = 2; isUnsigned = false; break;
                case MsgPackCode.Int32: valueBytes = 4; isUnsigned = false; break;
                case MsgPackCode.Int64: valueBytes = 8; isUnsigned = false; break;
                default: return false;
            }

            if (!TryPeekBigEndian(_position + 1, valueBytes, out ulong raw))
            {
                return false;
            }

            length = 1 + valueBytes;
            if (isUnsigned)
            {
                unsignedValue = raw;
            }
            else
            {
                // Sign-extend from the encoded width.
                int unusedBits = 64 - (valueBytes * 8);
                signedValue = ((long)(raw << unusedBits)) >> unusedBits;
            }

            return true;
        }

        private bool TryPeekBigEndian(int index, int bytes, out ulong value)
        {
            value = 0;
            if (index < 0 || bytes > _end - index)
            {
                return false;
            }

            for (int i = 0; i < bytes; i++)
            {
                value = (value << 8) | _buffer[index + i];
            }

            return true;
        }
    }
}
